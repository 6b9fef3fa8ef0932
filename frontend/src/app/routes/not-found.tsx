import { Link } from 'react-router';
import { buttonClass } from '../../components/ui/button';
import { Centered, Screen } from '../../components/ui/screen';
import { t } from '../../messages/catalogue';

export function Component() {
  return (
    <Screen>
      <Centered>
        <h1>{t('app.notFound.title')}</h1>
        <p>{t('app.notFound.body')}</p>
        <Link className={buttonClass('primary')} to="/">
          {t('app.notFound.home')}
        </Link>
      </Centered>
    </Screen>
  );
}
