import { Link } from 'react-router';
import { buttonClass } from '../../components/ui/button';
import { Centered, Screen } from '../../components/ui/screen';
import { t } from '../../messages/catalogue';

/** Replaced by the host app (features/auth, library, editor, host, results). */
export function Component() {
  return (
    <Screen>
      <Centered>
        <h1>{t('host.placeholder.title')}</h1>
        <p>{t('host.placeholder.body')}</p>
        <Link className={buttonClass('secondary')} to="/">
          {t('app.notFound.home')}
        </Link>
      </Centered>
    </Screen>
  );
}
