package dev.vanguard.session.game;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import dev.vanguard.session.player.PlayerRepository;

/** Read-only views of a host's sessions. */
@Service
@Transactional(readOnly = true)
class SessionQueries {

	private final GameSessionRepository sessions;

	private final PlayerRepository players;

	SessionQueries(GameSessionRepository sessions, PlayerRepository players) {
		this.sessions = sessions;
		this.players = players;
	}

	/** The host's sessions, newest first. */
	Views.PageView<Views.SessionSummary> list(UUID hostId, int page, int size) {
		Page<GameSession> found = this.sessions.findByHostIdOrderByCreatedAtDesc(hostId, PageRequest.of(page, size));
		Map<UUID, Long> playerCounts = new HashMap<>();
		if (found.hasContent()) {
			List<UUID> ids = found.getContent().stream().map(GameSession::getId).toList();
			for (Object[] row : this.players.countActive(ids)) {
				playerCounts.put((UUID) row[0], (Long) row[1]);
			}
		}
		List<Views.SessionSummary> items = found.getContent()
			.stream()
			.map((session) -> Views.SessionSummary.of(session, playerCounts.getOrDefault(session.getId(), 0L)))
			.toList();
		return new Views.PageView<>(items, page, size, found.getTotalElements(), found.getTotalPages());
	}

}
