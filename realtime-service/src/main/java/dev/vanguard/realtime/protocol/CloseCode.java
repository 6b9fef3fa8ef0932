package dev.vanguard.realtime.protocol;

/**
 * Every WebSocket close code the server sends, with what a client should do about it.
 * {@code docs/protocol.md} lists the same table for client authors; a test keeps the two
 * in step.
 */
public enum CloseCode {

	/** The server is shutting down (or restarting): reconnect, to another instance. */
	GOING_AWAY(1001, "going away"),

	/** A client frame was larger than the limit (sent by the WebSocket codec itself). */
	MESSAGE_TOO_BIG(1009, "message too big"),

	/** Something broke on the server: reconnect with back-off. */
	INTERNAL_ERROR(1011, "internal error"),

	/** The instance holds as many sockets as it may: reconnect with back-off. */
	TRY_AGAIN_LATER(1013, "try again later"),

	/** The session is over: do not reconnect. */
	SESSION_OVER(4000, "session over"),

	/** Nothing arrived from the client (not even a pong) for the idle timeout. */
	IDLE_TIMEOUT(4001, "idle timeout"),

	/** A host token came without the {@code session} parameter, or it is not an id. */
	BAD_REQUEST(4400, "bad request"),

	/** The token is missing, malformed, expired, or not a host or player token. */
	UNAUTHORISED(4401, "unauthorised"),

	/**
	 * The token is valid but not for this session (another host's, or an unknown player).
	 */
	FORBIDDEN(4403, "forbidden"),

	/** No such session (never opened, or its keys have expired). */
	UNKNOWN_SESSION(4404, "unknown session"),

	/** The client did not read its frames fast enough: reconnect to resume. */
	SLOW_CONSUMER(4408, "slow consumer"),

	/** The same player (or host) opened a newer connection: do not reconnect this one. */
	REPLACED(4409, "replaced by a newer connection"),

	/** The host removed this player: do not reconnect. */
	KICKED(4410, "kicked"),

	/** The client sent frames faster than the rate limit. */
	FLOOD(4429, "too many frames");

	private final int code;

	private final String reason;

	CloseCode(int code, String reason) {
		this.code = code;
		this.reason = reason;
	}

	public int code() {
		return this.code;
	}

	public String reason() {
		return this.reason;
	}

}
