package dev.vanguard.realtime.socket;

import dev.vanguard.realtime.connection.Principal;
import dev.vanguard.realtime.protocol.CloseCode;

/** What the upgrade decided about a socket request. */
sealed interface Verdict {

	record Admitted(Principal principal) implements Verdict {
	}

	record Refused(CloseCode code) implements Verdict {
	}

}
