import type { ReactNode } from 'react';
import styles from './ui.module.css';

/** A message about what just happened; errors are announced at once. */
export function Alert({ tone = 'error', children }: { tone?: 'error' | 'info'; children: ReactNode }) {
  return (
    <div className={[styles.alert, tone === 'info' ? styles.info : ''].join(' ').trim()} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
