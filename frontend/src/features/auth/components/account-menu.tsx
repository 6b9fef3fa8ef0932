import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import dialogStyles from '../../../components/ui/dialog.module.css';
import { t } from '../../../messages/catalogue';
import { confirmLeave } from '../../editor/unsaved-changes';
import { signOut, signOutEverywhere } from '../api/auth-api';
import { useAuth } from '../use-auth';
import styles from './account-menu.module.css';

function SignOutEverywhereDialog({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function confirm() {
    setBusy(true);
    setProblem(null);
    try {
      await signOutEverywhere();
      onDone();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : t('problem.unknown'));
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} className={dialogStyles.dialog} aria-labelledby="sign-out-everywhere-title" onCancel={onCancel}>
      <h2 id="sign-out-everywhere-title">{t('auth.signOutEverywhere.title')}</h2>
      <p>{t('auth.signOutEverywhere.body')}</p>
      {problem ? <Alert>{problem}</Alert> : null}
      <div className={styles.actions}>
        <Button variant="danger" onClick={() => void confirm()} disabled={busy}>
          {busy ? t('auth.signOutEverywhere.busy') : t('auth.signOutEverywhere.confirm')}
        </Button>
        <Button variant="secondary" onClick={onCancel} autoFocus>
          {t('host.cancel')}
        </Button>
      </div>
    </dialog>
  );
}

/**
 * The signed-in host's name, opening sign out and sign out everywhere (a disclosure, not an
 * ARIA menu: two buttons need no arrow keys).
 */
export function AccountMenu() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const panelId = useId();
  const toSignIn = () => navigate('/host/sign-in', { replace: true });

  return (
    <div
      className={styles.menu}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) setOpen(false);
      }}
    >
      <Button
        variant="secondary"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('auth.account.menu', { name: user?.displayName ?? '' })}
        onClick={() => setOpen(!open)}
      >
        {user?.displayName} <span aria-hidden="true">▾</span>
      </Button>
      <div id={panelId} className={styles.panel} hidden={!open}>
        <p className={styles.email}>{user?.email}</p>
        <Button
          variant="secondary"
          block
          onClick={() => {
            if (!confirmLeave()) return;
            void signOut().finally(toSignIn);
          }}
        >
          {t('auth.signOut')}
        </Button>
        <Button
          variant="secondary"
          block
          onClick={() => {
            if (!confirmLeave()) return;
            setOpen(false);
            setConfirming(true);
          }}
        >
          {t('auth.signOutEverywhere')}
        </Button>
      </div>
      {confirming ? <SignOutEverywhereDialog onCancel={() => setConfirming(false)} onDone={toSignIn} /> : null}
    </div>
  );
}
