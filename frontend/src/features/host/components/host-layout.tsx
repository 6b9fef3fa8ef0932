import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { t } from '../../../messages/catalogue';
import { AccountMenu } from '../../auth/components/account-menu';
import { confirmLeave } from '../../editor/unsaved-changes';
import styles from './host.module.css';

/** The host's laptop pages (library, results): a bar with where to go and who is signed in. */
export function HostLayout({ title, children }: { title: string; children: ReactNode }) {
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
        <AccountMenu />
      </header>
      <main id="main" className={styles.content}>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
