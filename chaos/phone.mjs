// One player's phone: a WebSocket through the gateway that reconnects as the web app does,
// answers each question on a schedule, and remembers what the server acknowledged, what it
// refused, when each question reached it and how long it was deaf.

const RETRY_MS = 250;
/** After 1001 (going away) the web app reconnects at once, spread over this window. */
const GOING_AWAY_SPREAD_MS = 1000;
/**
 * A browser waits for a slow handshake; only one that never ends (a refused handshake that
 * brought no close event here) is given up, after a time no real handshake needs.
 */
const CONNECT_TIMEOUT_MS = 10_000;
const FINAL_CLOSES = new Set([4000, 4401, 4403, 4409, 4410]);

export class Phone {
  constructor({ wsBase, player, index, plan, faultNow }) {
    this.wsBase = wsBase;
    this.player = player;
    this.index = index;
    /** (questionIndex) → {delayMs, option} or null when this player leaves it unanswered. */
    this.plan = plan;
    /** The fault under way, to file closes and deaf periods under. */
    this.faultNow = faultNow;
    this.acked = new Map();
    this.lost = [];
    /** What this phone sent and heard of its answers (ms clock mod 100 s): printed when it fails. */
    this.trail = [];
    /** Acknowledged answers a later catch-up showed again (as accepted). */
    this.kept = [];
    /** Answers a later frame showed otherwise than they were acknowledged. */
    this.changed = [];
    this.shown = new Map();
    this.refused = [];
    this.revealed = new Set();
    this.due = new Set();
    this.closes = [];
    this.deaf = [];
    this.deafSince = null;
    this.current = -1;
    this.ended = false;
    this.stopped = false;
    this.finalClose = null;
  }

  connect() {
    if (this.stopped) return;
    const socket = new WebSocket(`${this.wsBase}/ws?token=${encodeURIComponent(this.player.token)}`);
    this.socket = socket;
    socket.onmessage = (event) => this.onFrame(JSON.parse(event.data));
    socket.onclose = (event) => this.onClose(socket, event.code);
    socket.onerror = () => {};
    // A handshake the gateway refused (502 while no instance takes sockets) does not always
    // end in a close event here: a socket not open after a while counts as closed.
    const watchdog = setTimeout(() => {
      if (socket.readyState === WebSocket.OPEN) return;
      this.onClose(socket, 1006);
      try {
        socket.close();
      } catch {
        // never opened
      }
    }, CONNECT_TIMEOUT_MS);
    socket.onopen = () => clearTimeout(watchdog);
  }

  stop() {
    this.stopped = true;
    this.socket?.close();
  }

  onClose(socket, code) {
    if (socket !== this.socket || this.stopped || socket.closedHere) return;
    socket.closedHere = true;
    this.closes.push({ code, at: Date.now(), fault: this.faultNow() });
    if (code === 4000) {
      this.ended = true;
      return;
    }
    if (FINAL_CLOSES.has(code)) {
      this.finalClose = code;
      return;
    }
    this.deafSince ??= Date.now();
    // 1001 (the instance is going away) asks for a reconnect at once, spread as the web app
    // spreads it; anything else waits a bit.
    setTimeout(() => this.connect(), code === 1001 ? Math.random() * GOING_AWAY_SPREAD_MS : RETRY_MS);
  }

  onFrame(frame) {
    const now = Date.now();
    if (['catchup', 'answer_accepted', 'error', 'question'].includes(frame.type)) {
      this.trail.push(`${now % 100000} ${frame.type}${frame.code ? ` ${frame.code}` : ''}${frame.type === 'catchup' ? ` ${frame.status}${frame.answer ? ' answered' : ''}` : ''}`);
    }
    switch (frame.type) {
      case 'catchup': {
        if (this.deafSince !== null) {
          this.deaf.push({ fault: this.faultNow(), ms: now - this.deafSince });
          this.deafSince = null;
        }
        if (frame.status === 'QUESTION') {
          const index = frame.questionIndex;
          this.current = index;
          if (frame.answer) {
            if (this.acked.has(index)) this.kept.push({ index, fault: this.faultNow() });
            this.accept(index, frame.answer.options, frame.answer.responseMs);
          } else if (this.acked.has(index)) {
            // The server says this player has no answer to the open question although it had
            // acknowledged one: the phone is told, and answers again below.
            this.lost.push({ index, fault: this.faultNow(), acked: this.acked.get(index) });
            this.acked.delete(index);
          }
          this.show(index, frame.timeLeftMs, now);
          this.trySend(index);
        } else {
          this.current = -1;
          if (frame.status === 'REVEAL' || frame.status === 'PODIUM') this.revealed.add(frame.questionIndex);
          if (frame.status === 'ENDED') this.ended = true;
        }
        break;
      }
      case 'question':
        this.current = frame.questionIndex;
        // the time left when the frame got here, by this machine's clock (the services'
        // clock too): a frame that waited anywhere on its way shows that wait
        this.show(frame.questionIndex, frame.deadline - now, now);
        break;
      case 'answer_accepted':
        this.accept(frame.questionIndex, frame.options, frame.responseMs);
        break;
      case 'error':
        if (frame.code === 'UNAVAILABLE') {
          setTimeout(() => this.trySend(frame.questionIndex), RETRY_MS);
        } else if (frame.code === 'ALREADY_ANSWERED') {
          // recorded, but its acknowledgement went down with a socket: the catch-up of the next
          // connection would have said so too
          if (!this.acked.has(frame.questionIndex)) {
            this.accept(frame.questionIndex, [this.plan(frame.questionIndex).option], null);
          }
        } else {
          this.refused.push({ index: frame.questionIndex, code: frame.code, fault: this.faultNow() });
        }
        break;
      case 'reveal':
        this.current = -1;
        this.revealed.add(frame.questionIndex);
        break;
      case 'session_ended':
        this.ended = true;
        break;
      default:
        break;
    }
  }

  accept(index, options, responseMs) {
    const known = this.acked.get(index);
    if (known && (JSON.stringify(known.options) !== JSON.stringify(options)
        || (responseMs != null && known.responseMs != null && responseMs !== known.responseMs))) {
      this.changed.push({ index, fault: this.faultNow(), was: known, now: { options, responseMs } });
    }
    this.acked.set(index, { options, responseMs: responseMs ?? known?.responseMs ?? null });
  }

  show(index, timeLeftMs, now) {
    if (this.shown.has(index)) return;
    this.shown.set(index, { at: now, timeLeftMs, fault: this.faultNow() });
    const move = this.plan(index);
    if (!move) return;
    const delay = Math.max(0, Math.min(move.delayMs, timeLeftMs - 1500));
    setTimeout(() => {
      this.due.add(index);
      this.trySend(index);
    }, delay);
  }

  trySend(index) {
    if (!this.due.has(index) || this.acked.has(index) || this.current !== index) return;
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ type: 'answer', questionIndex: index, options: [this.plan(index).option] }));
    this.trail.push(`${Date.now() % 100000} sent`);
  }
}
