import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { ApiError } from '../../../lib/api-client';
import { t } from '../../../messages/catalogue';
import { signIn } from '../api/auth-api';
import { nextPage } from './require-host';
import styles from './auth.module.css';

export const DEMO_EMAIL = 'demo@vanguard.local';

/** Why sign-in failed, in words; a rate limit says how long to wait. */
export function signInError(error: unknown): string {
  if (!(error instanceof ApiError)) return t('problem.unknown');
  if (error.problemType === 'too-many-attempts') return t('auth.signIn.tooMany', { seconds: error.retryAfterSeconds ?? 60 });
  if (error.problemType === 'bad-credentials') return t('auth.signIn.badCredentials');
  return error.message;
}

export function SignInPage() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(nextPage(search), { replace: true });
    } catch (failure) {
      setError(signInError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className={styles.page}>
      <div className={styles.card}>
        <h1>{t('auth.signIn.title')}</h1>
        <form onSubmit={submit} noValidate>
          <TextField label={t('auth.email')} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <TextField
            label={t('auth.password')}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {error ? <Alert>{error}</Alert> : null}
          <Button type="submit" block disabled={busy || !email || !password}>
            {busy ? t('auth.signIn.busy') : t('auth.signIn.submit')}
          </Button>
        </form>
        <p className={styles.hint}>{t('auth.signIn.demo', { email: DEMO_EMAIL, password: 'vanguard-demo-1' })}</p>
        <p>
          {t('auth.signIn.noAccount')} <Link to={`/host/register${search.size ? `?${search.toString()}` : ''}`}>{t('auth.register.link')}</Link>
        </p>
      </div>
    </main>
  );
}
