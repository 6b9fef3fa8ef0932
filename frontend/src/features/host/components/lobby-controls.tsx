import { useId, useState, type FormEvent } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import cardStyles from '../../../components/ui/card.module.css';
import { ApiError } from '../../../lib/api-client';
import { t, tPlural } from '../../../messages/catalogue';
import { MAX_PLAYERS_LIMIT, type Lobby, type LobbySettings } from '../api/lobby-api';
import { useLobby } from '../use-lobby';
import { JoinPattern } from './join-pattern';
import styles from './lobby-controls.module.css';

type Switch = 'locked' | 'twoStepJoin' | 'friendlyNicknames';

const SWITCHES: { name: Switch; label: 'host.lobbyControls.lock' | 'host.lobbyControls.twoStep' | 'host.lobbyControls.friendly'; hint: 'host.lobbyControls.lockHint' | 'host.lobbyControls.twoStepHint' | 'host.lobbyControls.friendlyHint' }[] = [
  { name: 'locked', label: 'host.lobbyControls.lock', hint: 'host.lobbyControls.lockHint' },
  { name: 'twoStepJoin', label: 'host.lobbyControls.twoStep', hint: 'host.lobbyControls.twoStepHint' },
  { name: 'friendlyNicknames', label: 'host.lobbyControls.friendly', hint: 'host.lobbyControls.friendlyHint' },
];

/** The cap as typed: empty is no cap; otherwise a whole number the server takes, or why not. */
export function parseCap(text: string): { cap: number | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { cap: null };
  const cap = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || cap < 1 || cap > MAX_PLAYERS_LIMIT) {
    return { error: t('host.lobbyControls.capInvalid', { max: MAX_PLAYERS_LIMIT }) };
  }
  return { cap };
}

/** A refusal of the lobby controls as a sentence for the host. */
export function lobbyProblem(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.problemType === 'validation' && error.fieldErrors.maxPlayers) {
      return t('host.lobbyControls.capInvalid', { max: MAX_PLAYERS_LIMIT });
    }
    if (error.problemType === 'invalid-session-state') return t('host.lobbyControls.notInLobby');
    return error.message;
  }
  return t('problem.unknown');
}

function settingsOf(lobby: Lobby): LobbySettings {
  return { locked: lobby.locked, maxPlayers: lobby.maxPlayers, twoStepJoin: lobby.twoStepJoin, friendlyNicknames: lobby.friendlyNicknames };
}

/**
 * The host's lobby controls beside the PIN: lock, player cap, two-step join (its pattern in
 * very large type for the room) and friendly nicknames. Every change sends the whole lobby
 * state (`PUT /api/sessions/{id}/lobby`) and shows what the server answered, or its refusal;
 * a change made on another of the host's screens shows here too (`useLobby`).
 */
export function LobbyControls({ sessionId }: { sessionId: string }) {
  const { lobby, update } = useLobby(sessionId);
  const [capText, setCapText] = useState<string | null>(null);
  const [capError, setCapError] = useState<string | null>(null);
  // What the host asked for, shown from the tap itself until the server answers: the mutation's
  // own pending state reaches the render a tick later, and a controlled checkbox would spring
  // back in between.
  const [requested, setRequested] = useState<LobbySettings | null>(null);
  const capId = useId();

  if (!lobby.data) {
    return lobby.isError ? <Alert>{lobbyProblem(lobby.error)}</Alert> : null;
  }
  const current = lobby.data;
  // A switch moves at once and stays where the server's answer puts it (back, on a refusal).
  const switches: LobbySettings = requested ?? settingsOf(current);
  const shownCap = capText ?? (current.maxPlayers === null ? '' : String(current.maxPlayers));

  function change(patch: Partial<LobbySettings>) {
    const settings = { ...settingsOf(current), ...patch };
    setRequested(settings);
    update.mutate(settings, { onSuccess: () => setCapText(null), onSettled: () => setRequested(null) });
  }

  function saveCap(event: FormEvent) {
    event.preventDefault();
    const parsed = parseCap(shownCap);
    if ('error' in parsed) {
      setCapError(parsed.error);
      return;
    }
    setCapError(null);
    change({ maxPlayers: parsed.cap });
  }

  return (
    <section className={styles.controls} aria-label={t('host.lobbyControls.title')}>
      {current.locked ? (
        <p className={styles.locked} role="status">
          {t('host.lobbyControls.lockedBanner')}
        </p>
      ) : null}
      {current.twoStepJoin && current.joinPattern ? <JoinPattern shapes={current.joinPattern} /> : null}
      <details className={styles.panel}>
        <summary>{t('host.lobbyControls.title')}</summary>
        <div className={`${cardStyles.card} ${styles.body}`}>
          <fieldset className={styles.switches} disabled={requested !== null}>
            {SWITCHES.map((item) => (
              <label key={item.name} className={styles.check}>
                <input type="checkbox" checked={switches[item.name]} onChange={(event) => change({ [item.name]: event.target.checked })} />
                <span>
                  <strong>{t(item.label)}</strong>
                  <span className={styles.hint}>{t(item.hint)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <form className={styles.cap} onSubmit={saveCap} noValidate>
            <label htmlFor={capId}>{t('host.lobbyControls.cap')}</label>
            <input
              id={capId}
              inputMode="numeric"
              value={shownCap}
              placeholder={t('host.lobbyControls.capNone')}
              aria-invalid={capError ? true : undefined}
              aria-describedby={`${capId}-hint${capError ? ` ${capId}-error` : ''}`}
              onChange={(event) => {
                setCapText(event.target.value);
                setCapError(null);
              }}
            />
            <Button type="submit" variant="secondary" disabled={requested !== null}>
              {t('host.lobbyControls.capSave')}
            </Button>
            <p id={`${capId}-hint`} className={styles.hint}>
              {current.maxPlayers === null ? t('host.lobbyControls.capHintNone') : tPlural('host.lobbyControls.capHint', current.maxPlayers)}
            </p>
            {capError ? (
              <p id={`${capId}-error`} className={styles.fieldError} role="alert">
                {capError}
              </p>
            ) : null}
          </form>
          {update.isError ? <Alert>{lobbyProblem(update.error)}</Alert> : null}
        </div>
      </details>
    </section>
  );
}
