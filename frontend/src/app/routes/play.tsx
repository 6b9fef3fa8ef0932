import { Link } from 'react-router';
import { buttonClass } from '../../components/ui/button';
import { Centered, Screen } from '../../components/ui/screen';
import { PlayerGame } from '../../features/play/components/player-game';
import { loadPlayerSession } from '../../lib/player-session';
import { t } from '../../messages/catalogue';

/** `/play`: the game this tab joined (its player token is in sessionStorage). */
export function Component() {
  const session = loadPlayerSession();
  if (!session) {
    return (
      <Screen>
        <Centered>
          <h1>{t('play.noToken.title')}</h1>
          <p>{t('play.noToken.body')}</p>
          <Link className={buttonClass('primary')} to="/">
            {t('home.join')}
          </Link>
        </Centered>
      </Screen>
    );
  }
  return <PlayerGame key={session.token} session={session} />;
}
