package dev.vanguard.realtime.connection;

import java.util.UUID;
import java.util.function.Function;

import io.netty.buffer.ByteBuf;

import dev.vanguard.realtime.protocol.ServerFrame;

/**
 * One broadcast, serialised once and ready to hand to every local connection of its
 * session: the frame for everyone, the host-only and the players-only frame as shared
 * buffers, plus what each player gets personally (built from data the broadcast carried,
 * without asking Redis), whom to kick and whether the session is over.
 *
 * <p>
 * Reference counted: whoever keeps a delivery past the call that handed it over retains
 * it and releases it when done.
 */
public final class Delivery {

	private final long seq;

	private final long createdAt;

	private final ByteBuf all;

	private final ByteBuf host;

	private final ByteBuf players;

	private final Function<UUID, ServerFrame> personal;

	private final UUID kick;

	private final boolean end;

	public Delivery(long seq, long createdAt, ByteBuf all, ByteBuf host, ByteBuf players,
			Function<UUID, ServerFrame> personal, UUID kick, boolean end) {
		this.seq = seq;
		this.createdAt = createdAt;
		this.all = all;
		this.host = host;
		this.players = players;
		this.personal = personal;
		this.kick = kick;
		this.end = end;
	}

	public long seq() {
		return this.seq;
	}

	long createdAt() {
		return this.createdAt;
	}

	ByteBuf all() {
		return this.all;
	}

	ByteBuf host() {
		return this.host;
	}

	ByteBuf players() {
		return this.players;
	}

	Function<UUID, ServerFrame> personal() {
		return this.personal;
	}

	UUID kick() {
		return this.kick;
	}

	boolean end() {
		return this.end;
	}

	/**
	 * Whether only host screens have anything to do with this delivery (a roster change):
	 * then it need not visit every player's connection.
	 */
	public boolean hostOnly() {
		return this.all == null && this.players == null && this.personal == null && this.kick == null && !this.end;
	}

	public Delivery retain() {
		if (this.all != null) {
			this.all.retain();
		}
		if (this.host != null) {
			this.host.retain();
		}
		if (this.players != null) {
			this.players.retain();
		}
		return this;
	}

	public void release() {
		if (this.all != null) {
			this.all.release();
		}
		if (this.host != null) {
			this.host.release();
		}
		if (this.players != null) {
			this.players.release();
		}
	}

}
