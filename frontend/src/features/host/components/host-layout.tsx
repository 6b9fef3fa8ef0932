import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { t } from '../../../messages/catalogue';
import { signOut } from '../../auth/api/auth-api';
import { useAuth } from '../../auth/use-auth';
import { confirmLeave } from '../../editor/unsaved-changes';
import styles from './host.module.css';

/** The host's laptop pages (library, results): a bar with where to go and who is signed in. */
export function HostLayout({ title, children }: { title: string; children: ReactNode }) {
  const { user } = useAuth();
  const navigate = useNavigate();
  return (
    <div className={styles.layout}>
      <header className={styles.topBar}>
        <span className={styles.brand}>{t('app.name')}</span>
        <nav aria-label={t('host.nav.label')} className={styles.nav}>
          <NavLink to="/host" end onClick={(event) => confirmLeave() || event.preventDefault()}>
            {t('host.nav.library')}
          </NavLink>
          <NavLink to="/host/sessions" end onClick={(event) => confirmLeave() || event.preventDefault()}>
            {t('host.nav.sessions')}
          </NavLink>
        </nav>
        <span className={styles.user}>{user?.displayName}</span>
        <Button
          variant="secondary"
          onClick={() => {
            if (!confirmLeave()) return;
            void signOut().finally(() => navigate('/host/sign-in', { replace: true }));
          }}
        >
          {t('auth.signOut')}
        </Button>
      </header>
      <main id="main" className={styles.content}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
