import { useVirtualizer } from '@tanstack/react-virtual';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import dialogStyles from '../../../components/ui/dialog.module.css';
import type { RosterEntry } from '../../../lib/frames';
import type { GameState } from '../../../lib/game-state';
import { t, tPlural } from '../../../messages/catalogue';
import styles from './host.module.css';
import { LobbyControls } from './lobby-controls';

/** The join link players open: the PIN's page on this same origin. */
export function joinUrl(pin: string): string {
  return `${window.location.origin}/join/${pin}`;
}

function useQrCode(text: string): string | null {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((svg) => {
      if (current) setSource(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      current = false;
    };
  }, [text]);
  return source;
}

const ROW_HEIGHT = 56;

/** The roster as a virtual list: only the rows in view are in the page, so 2,000 names stay smooth. */
function Roster({ players, onKick }: { players: RosterEntry[]; onKick: (player: RosterEntry) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: players.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  return (
    <div ref={scroller} className={styles.roster} tabIndex={0} role="region" aria-label={t('host.lobby.roster')}>
      <ul style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const player = players[row.index]!;
          return (
            <li
              key={player.playerId}
              className={styles.rosterRow}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              aria-setsize={players.length}
              aria-posinset={row.index + 1}
            >
              <span className={styles.nickname}>{player.nickname}</span>
              <Button variant="secondary" className={styles.kick} onClick={() => onKick(player)} aria-label={t('host.lobby.kickName', { nickname: player.nickname })}>
                {t('host.lobby.kick')}
              </Button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function KickDialog({ player, onConfirm, onCancel }: { player: RosterEntry; onConfirm: (banNickname: boolean) => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className={dialogStyles.dialog} aria-labelledby="kick-title" onCancel={onCancel}>
      <h2 id="kick-title">{t('host.lobby.kickTitle', { nickname: player.nickname })}</h2>
      <p>{t('host.lobby.kickBody')}</p>
      <p>{t('host.lobby.kickAndBanBody')}</p>
      <div className={styles.actions}>
        <Button variant="danger" onClick={() => onConfirm(false)}>
          {t('host.lobby.kickConfirm')}
        </Button>
        <Button variant="danger" onClick={() => onConfirm(true)}>
          {t('host.lobby.kickAndBan', { nickname: player.nickname })}
        </Button>
        <Button variant="secondary" onClick={onCancel} autoFocus>
          {t('host.cancel')}
        </Button>
      </div>
    </dialog>
  );
}

export function HostLobby({
  state,
  busy,
  onStart,
  onKick,
}: {
  state: GameState;
  busy: boolean;
  onStart: () => void;
  onKick: (playerId: string, banNickname: boolean) => void;
}) {
  const pin = state.pin ?? '';
  const link = joinUrl(pin);
  const qr = useQrCode(link);
  const [kicking, setKicking] = useState<RosterEntry | null>(null);
  // The server's count, which every players_joined frame and catch-up carries: right even when
  // the roster's list is waiting for a frame that has not come yet.
  const count = Math.max(state.playerCount, state.players.length);
  return (
    <div className={styles.lobby}>
      <section className={styles.joinPanel} aria-labelledby="join-heading">
        <h1 id="join-heading" className={styles.lobbyTitle}>
          {state.title}
        </h1>
        <p className={styles.lead}>{t('host.lobby.joinAt', { host: window.location.host })}</p>
        <p className={styles.pinLabel}>{t('host.lobby.pin')}</p>
        <p className={styles.pin} aria-label={t('host.lobby.pinSpoken', { pin: pin.split('').join(' ') })}>
          {pin}
        </p>
        {qr ? <img className={styles.qr} src={qr} alt={t('host.lobby.qr', { link })} width={320} height={320} /> : null}
        <p className={styles.link}>
          <a href={link} target="_blank" rel="noreferrer">
            {link}
          </a>
        </p>
        {state.sessionId ? <LobbyControls sessionId={state.sessionId} /> : null}
      </section>
      <section className={styles.rosterPanel} aria-labelledby="players-heading">
        <div className={styles.rosterHead}>
          <h2 id="players-heading" className={styles.count} aria-live="polite">
            {tPlural('host.lobby.count', count)}
          </h2>
          <Button onClick={onStart} disabled={busy || count === 0}>
            {t('host.lobby.start')}
          </Button>
        </div>
        {state.players.length === 0 ? <p className={styles.lead}>{t('host.lobby.empty')}</p> : <Roster players={state.players} onKick={setKicking} />}
      </section>
      {kicking ? (
        <KickDialog
          player={kicking}
          onCancel={() => setKicking(null)}
          onConfirm={(banNickname) => {
            onKick(kicking.playerId, banNickname);
            setKicking(null);
          }}
        />
      ) : null}
    </div>
  );
}
