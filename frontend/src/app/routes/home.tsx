import { Link, useLocation, useNavigate } from 'react-router';
import { buttonClass } from '../../components/ui/button';
import { Screen } from '../../components/ui/screen';
import { PinForm } from '../../features/join/components/pin-form';
import { t } from '../../messages/catalogue';
import styles from './routes.module.css';

/** `/`: join a game with its PIN, or go and host one. */
export function Component() {
  const navigate = useNavigate();
  const location = useLocation();
  const state = location.state as { pin?: string; error?: string } | null;
  return (
    <Screen>
      <h1>{t('home.join')}</h1>
      <PinForm
        key={state?.pin ?? ''}
        initialPin={state?.pin ?? ''}
        error={state?.error ?? null}
        onSubmit={(pin) => navigate(`/join/${pin}`)}
      />
      <section className={styles.hostBox} aria-labelledby="host-heading">
        <h2 id="host-heading">{t('home.host')}</h2>
        <p>{t('home.hostHint')}</p>
        <Link className={buttonClass('secondary', true)} to="/host">
          {t('home.host')}
        </Link>
      </section>
    </Screen>
  );
}
