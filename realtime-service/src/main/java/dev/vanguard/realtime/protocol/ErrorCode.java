package dev.vanguard.realtime.protocol;

/** Why a client frame was refused; the {@code code} of an error frame. */
public enum ErrorCode {

	/**
	 * Not JSON, a required field missing or of the wrong kind, or options and text mixed.
	 */
	MALFORMED,

	/** A {@code type} the server does not know. */
	UNKNOWN_TYPE,

	/** No question is open (lobby, reveal, podium). */
	NOT_OPEN,

	/** The answer names another question than the open one. */
	WRONG_QUESTION,

	/** The question's deadline had passed by the server's clock. */
	LATE,

	/** This player already answered this question. */
	ALREADY_ANSWERED,

	/**
	 * The choice does not fit the question (out of range, repeated, wrong count, empty or
	 * long text).
	 */
	INVALID_CHOICE,

	/** The sender may not do this (a host answering, a kicked player). */
	FORBIDDEN,

	/** The server could not record the answer just now; the client may send it again. */
	UNAVAILABLE

}
