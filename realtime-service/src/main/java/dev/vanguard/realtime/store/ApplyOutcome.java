package dev.vanguard.realtime.store;

/** What applying one session event did. */
public enum ApplyOutcome {

	/** State changed and the broadcast was published, in one atomic step. */
	APPLIED,

	/** Already applied (a redelivery): acknowledge and drop. */
	DUPLICATE,

	/** An earlier event of the session has not been applied yet: retry later. */
	GAP

}
