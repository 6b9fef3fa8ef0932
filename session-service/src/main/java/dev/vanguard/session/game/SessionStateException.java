package dev.vanguard.session.game;

/**
 * The session's state does not allow this action: a rule of the {@link GameSession}
 * aggregate, which knows nothing of HTTP (the web layer answers it with a 409 problem).
 */
public final class SessionStateException extends RuntimeException {

	private final Reason reason;

	private SessionStateException(Reason reason, String detail) {
		super(detail);
		this.reason = reason;
	}

	/** The host locked the game: nobody may join. */
	static SessionStateException lobbyLocked(String detail) {
		return new SessionStateException(Reason.LOBBY_LOCKED, detail);
	}

	/** The action does not fit the state the session is in. */
	public static SessionStateException invalid(String detail) {
		return new SessionStateException(Reason.INVALID_SESSION_STATE, detail);
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why the action is refused. */
	public enum Reason {

		LOBBY_LOCKED("lobby-locked"),

		INVALID_SESSION_STATE("invalid-session-state");

		private final String tag;

		Reason(String tag) {
			this.tag = tag;
		}

		/** The reason's name where it is counted ({@code session.join.refusals}). */
		public String tag() {
			return this.tag;
		}

	}

}
