import type { ReactNode } from 'react';
import { t } from '../../messages/catalogue';
import styles from './ui.module.css';

/** One full screen of the phone app: the brand line and the page's main landmark. */
export function Screen({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <main id="main" className={styles.screen} aria-label={label}>
      <div className={styles.brand} aria-hidden="true">
        {t('app.name')}
      </div>
      {children}
    </main>
  );
}

export function Centered({ children }: { children: ReactNode }) {
  return <div className={styles.center}>{children}</div>;
}

/** A busy indicator with its reason in words. */
export function Busy({ label }: { label: string }) {
  return (
    <div role="status" className={styles.center}>
      <div className={styles.spinner} aria-hidden="true" />
      <p>{label}</p>
    </div>
  );
}
