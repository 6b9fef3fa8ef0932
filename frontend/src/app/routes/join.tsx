import { Link, useNavigate, useParams } from 'react-router';
import { Busy, Screen } from '../../components/ui/screen';
import { useGameByPin } from '../../features/join/api/get-game-by-pin';
import { NicknameForm } from '../../features/join/components/nickname-form';
import { PinForm } from '../../features/join/components/pin-form';
import { ApiError } from '../../lib/api-client';
import { QueryProvider } from '../query-client';
import { savePlayerSession } from '../../lib/player-session';
import { t } from '../../messages/catalogue';
import styles from './routes.module.css';

/** `/join/{pin}` (the QR code's link): find the game, then choose a nickname (unless the server gives one). */
export function Component() {
  return (
    <QueryProvider>
      <JoinGame />
    </QueryProvider>
  );
}

function JoinGame() {
  const pin = useParams().pin ?? '';
  const navigate = useNavigate();
  const game = useGameByPin(pin);

  if (!/^\d{6}$/.test(pin)) {
    return (
      <Screen>
        <h1>{t('join.title')}</h1>
        <PinForm error={t('join.pin.invalid')} onSubmit={(next) => navigate(`/join/${next}`)} />
      </Screen>
    );
  }
  if (game.isPending) {
    return (
      <Screen>
        <Busy label={t('app.loading')} />
      </Screen>
    );
  }
  const refusal = game.isError
    ? game.error instanceof ApiError && game.error.status === 404
      ? t('join.pin.unknown')
      : game.error.message
    : !game.data.joinable
      ? game.data.status === 'ENDED' || game.data.status === 'PODIUM'
        ? t('join.pin.over')
        : t('join.pin.notJoinable')
      : null;
  if (refusal || !game.data) {
    return (
      <Screen>
        <h1>{t('join.title')}</h1>
        <PinForm key={pin} initialPin={pin} error={refusal} onSubmit={(next) => navigate(`/join/${next}`)} />
      </Screen>
    );
  }
  return (
    <Screen>
      <h1>{game.data.friendlyNicknames ? t('join.friendly.title') : t('join.nickname.title')}</h1>
      <p className={styles.game}>{t('join.nickname.game', { title: game.data.quizTitle })}</p>
      <NicknameForm
        pin={pin}
        twoStepJoin={game.data.twoStepJoin}
        friendlyNicknames={game.data.friendlyNicknames}
        onJoined={(joined) => {
          savePlayerSession({ ...joined, pin });
          navigate('/play', { replace: true });
        }}
      />
      <p className={styles.link}>
        <Link to="/">{t('join.changePin')}</Link>
      </p>
    </Screen>
  );
}
