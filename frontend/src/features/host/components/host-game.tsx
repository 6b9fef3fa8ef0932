import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { buttonClass } from '../../../components/ui/button';
import { Busy } from '../../../components/ui/screen';
import { ApiError } from '../../../lib/api-client';
import { useGameSocket } from '../../../lib/use-game-socket';
import { gatewaySocketUrl, type ConnectionState } from '../../../lib/ws-client';
import { t } from '../../../messages/catalogue';
import { authStore } from '../../auth/auth-store';
import { controlSession, kickPlayer, type SessionControl } from '../api/sessions-api';
import { HostLobby } from './host-lobby';
import { HostPodium } from './host-podium';
import { HostQuestion } from './host-question';
import { HostReveal } from './host-reveal';
import styles from './host.module.css';

function connectionNotice(connection: ConnectionState): string | null {
  switch (connection.status) {
    case 'open':
      return null;
    case 'connecting':
      return connection.attempt > 0 ? t('host.game.reconnecting') : null;
    case 'waiting':
      return t('host.game.reconnecting');
    case 'ended':
      if (connection.reason === 'replaced') return t('host.game.replaced');
      if (connection.reason === 'forbidden') return t('host.game.forbidden');
      if (connection.reason === 'unauthorised') return t('problem.unauthorized');
      if (connection.reason === 'unknown-session') return t('host.game.unknown');
      return null;
  }
}

/**
 * The big screen of one game. Everything drawn comes from the socket's frames (a reload or a
 * second tab starts from the catch-up); the host's buttons call the REST controls, whose effect
 * comes back as frames.
 */
export function HostGame({ sessionId }: { sessionId: string }) {
  const url = useCallback(async () => {
    const token = await authStore.freshToken();
    if (!token) throw new Error('signed out');
    return gatewaySocketUrl({ token, session: sessionId });
  }, [sessionId]);
  const { state, connection, serverNow } = useGameSocket(url, true);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const control = useCallback(
    async (action: SessionControl) => {
      setBusy(true);
      setProblem(null);
      try {
        await controlSession(sessionId, action);
      } catch (error) {
        // A question the server closed a moment ago (everyone answered, time up) makes a late
        // "reveal" a 409: the screen moves on by itself, so that one is not worth a word.
        const overtaken = error instanceof ApiError && error.problemType === 'invalid-session-state' && action !== 'start';
        if (!overtaken) setProblem(error instanceof Error ? error.message : t('problem.unknown'));
      } finally {
        setBusy(false);
      }
    },
    [sessionId],
  );

  const kick = useCallback(
    async (playerId: string, banNickname: boolean) => {
      setProblem(null);
      try {
        await kickPlayer(sessionId, playerId, banNickname);
      } catch (error) {
        setProblem(error instanceof Error ? error.message : t('problem.unknown'));
      }
    },
    [sessionId],
  );

  const notice = connectionNotice(connection);
  let screen;
  switch (state.status) {
    case null:
      screen = connection.status === 'ended' ? null : <Busy label={t('host.game.connecting')} />;
      break;
    case 'LOBBY':
      screen = <HostLobby state={state} busy={busy} onStart={() => void control('start')} onKick={kick} />;
      break;
    case 'QUESTION':
      screen = (
        <HostQuestion state={state} serverNow={serverNow} busy={busy} onReveal={() => void control('reveal')} onSkip={() => void control('skip')} />
      );
      break;
    case 'REVEAL':
      screen = <HostReveal state={state} busy={busy} onNext={() => void control('next')} />;
      break;
    case 'PODIUM':
      screen = <HostPodium top={state.top} title={state.title} busy={busy} onEnd={() => void control('end')} />;
      break;
    case 'ENDED':
      screen = (
        <div className={styles.centerStage}>
          <h1 className={styles.stageTitle}>{t('host.ended.title')}</h1>
          <p className={styles.lead}>{state.title}</p>
          <div className={styles.actions}>
            <Link className={buttonClass('primary')} to={`/host/sessions/${sessionId}/results`}>
              {t('host.ended.results')}
            </Link>
            <Link className={buttonClass('secondary')} to="/host">
              {t('host.ended.library')}
            </Link>
          </div>
        </div>
      );
      break;
  }

  return (
    <main id="main" className={styles.stage}>
      {notice ? <Alert tone={connection.status === 'ended' ? 'error' : 'info'}>{notice}</Alert> : null}
      {problem ? <Alert>{problem}</Alert> : null}
      {screen}
    </main>
  );
}
