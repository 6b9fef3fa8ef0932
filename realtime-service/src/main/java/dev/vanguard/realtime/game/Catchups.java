package dev.vanguard.realtime.game;

import java.util.Objects;

import reactor.core.publisher.Mono;

import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.realtime.connection.Principal;
import dev.vanguard.realtime.protocol.ServerFrame;
import dev.vanguard.realtime.store.AnswerRecord;
import dev.vanguard.realtime.store.SessionStore;
import dev.vanguard.realtime.store.Snapshot;

import org.springframework.stereotype.Component;

/**
 * Builds the catch-up frame: one consistent snapshot of the session from Redis, shaped
 * for the host or for one player, so a reload at any moment loses nothing.
 */
@Component
public class Catchups {

	private final SessionStore store;

	public Catchups(SessionStore store) {
		this.store = store;
	}

	/** The catch-up for {@code principal}, or empty when the session is gone. */
	public Mono<ServerFrame.Catchup> catchup(Principal principal) {
		boolean host = principal.isHost();
		Mono<ServerFrame.Catchup> catchup = this.store
			.snapshot(principal.sessionId(), host, host ? null : principal.id().toString())
			.filter(Snapshot::found)
			.map((snapshot) -> frame(principal, snapshot, null));
		if (!host) {
			return catchup;
		}
		// the lobby controls are the host's own settings, apart from the game's state:
		// read beside the snapshot, not inside its script
		return catchup.zipWith(this.store.lobbyControls(principal.sessionId()),
				(frame, lobby) -> withLobby(frame, lobby.orElse(null)));
	}

	private static ServerFrame.Catchup withLobby(ServerFrame.Catchup c, ServerFrame.LobbyControls lobby) {
		return new ServerFrame.Catchup(c.seq(), c.serverTime(), c.sessionId(), c.role(), c.you(), c.status(), c.title(),
				c.pin(), c.questionCount(), c.questionIndex(), c.question(), c.timeLeftMs(), c.answer(),
				c.answerCount(), c.players(), c.playerCount(), c.reveal(), c.result(), c.podium(), c.standing(), lobby);
	}

	static ServerFrame.Catchup frame(Principal principal, Snapshot s, ServerFrame.LobbyControls lobby) {
		boolean host = principal.isHost();
		boolean open = "QUESTION".equals(s.status());
		boolean revealed = "REVEAL".equals(s.status());
		ServerFrame.QuestionView question = (s.question() != null) ? view(s.question()) : null;
		Long timeLeft = open ? Math.max(0, s.deadline() - s.now()) : null;
		ServerFrame.YourAnswer answer = (!host && s.answer() != null)
				? new ServerFrame.YourAnswer(s.answer().options(), s.answer().text(), s.answer().responseMs()) : null;
		ServerFrame.Result result = null;
		if (!host && revealed && s.reveal() != null) {
			AnswerRecord a = s.answer();
			result = new ServerFrame.Result(s.reveal().seq(), s.questionIndex(), a != null, a != null && a.correct(),
					(a != null) ? a.points() : 0, Objects.requireNonNullElse(s.streak(), 0),
					Objects.requireNonNullElse(s.score(), 0L), Objects.requireNonNullElse(s.rank(), 0),
					s.reveal().playerCount());
		}
		ServerFrame.Podium podium = (s.podium() != null) ? new ServerFrame.Podium(s.seq(), s.podium(), s.playerCount())
				: null;
		ServerFrame.Standing standing = (!host && s.score() != null)
				? new ServerFrame.Standing(null, null, s.score(), s.rank(), s.streak()) : null;
		return new ServerFrame.Catchup(s.seq(), s.now(), principal.sessionId(), principal.role().name(),
				host ? null : new ServerFrame.You(principal.id(), s.nickname()), s.status(), s.title(),
				host ? s.pin() : null, s.questionCount(), s.questionIndex(), question, timeLeft, answer,
				(host && open) ? s.answerCount() : null, host ? s.players() : null, s.playerCount(),
				(revealed && s.reveal() != null) ? s.reveal().frame() : null, result, podium, standing, lobby);
	}

	static ServerFrame.QuestionView view(QuestionStarted.Question q) {
		return new ServerFrame.QuestionView(q.type(), q.text(), q.imageUrl(), q.options(), q.timeLimitSeconds(),
				q.points());
	}

}
