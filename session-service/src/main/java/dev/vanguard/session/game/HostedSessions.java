package dev.vanguard.session.game;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.vanguard.support.ProblemException;

/** Lets other features read a session, only for its own host. */
@Component
public class HostedSessions {

	private final GameService game;

	HostedSessions(GameService game) {
		this.game = game;
	}

	/**
	 * @throws ProblemException 404 for an unknown session, 403 for another host's
	 */
	@Transactional(readOnly = true)
	public HostedSession find(UUID sessionId, UUID hostId) {
		GameSession session = this.game.hosted(sessionId, hostId);
		return new HostedSession(session.getId(), session.getPin(), session.getStatus(), session.getQuizTitle(),
				session.getCreatedAt(), session.getEndedAt(), GameService.playedQuestions(session),
				this.game.questions(session), session.isLiveStateLost());
	}

}
