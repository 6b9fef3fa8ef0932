import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { ApiError } from '../../../lib/api-client';
import { t } from '../../../messages/catalogue';
import { register } from '../api/auth-api';
import { nextPage } from './require-host';
import styles from './auth.module.css';

interface Fields {
  email: string;
  displayName: string;
  password: string;
}

/** The checks a browser can make before asking; the server's rules (common passwords…) come back as field errors. */
export function registrationErrors(fields: Fields): Partial<Record<keyof Fields, string>> {
  const errors: Partial<Record<keyof Fields, string>> = {};
  if (!/^[^\s@]+@[^\s@]+$/.test(fields.email.trim())) errors.email = t('auth.register.emailInvalid');
  if (!fields.displayName.trim()) errors.displayName = t('auth.register.nameEmpty');
  if ([...fields.password].length < 10 || [...fields.password].length > 128) errors.password = t('auth.register.passwordLength');
  return errors;
}

export function RegisterPage() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [fields, setFields] = useState<Fields>({ email: '', displayName: '', password: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof Fields, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof Fields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    const local = registrationErrors(fields);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await register(fields.email.trim(), fields.password, fields.displayName.trim());
      navigate(nextPage(search), { replace: true });
    } catch (failure) {
      if (failure instanceof ApiError) {
        if (failure.problemType === 'weak-password') setErrors({ password: failure.problem.detail ?? failure.message });
        else if (failure.problemType === 'email-taken') setErrors({ email: t('auth.register.emailTaken') });
        else setErrors(failure.fieldErrors);
        if (!['weak-password', 'email-taken'].includes(failure.problemType)) setProblem(failure.message);
      } else {
        setProblem(t('problem.unknown'));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className={styles.page}>
      <div className={styles.card}>
        <h1>{t('auth.register.title')}</h1>
        <form onSubmit={submit} noValidate>
          <TextField label={t('auth.email')} type="email" autoComplete="email" value={fields.email} onChange={set('email')} error={errors.email} />
          <TextField label={t('auth.displayName')} autoComplete="name" maxLength={100} value={fields.displayName} onChange={set('displayName')} error={errors.displayName} />
          <TextField
            label={t('auth.password')}
            type="password"
            autoComplete="new-password"
            hint={t('auth.register.passwordHint')}
            value={fields.password}
            onChange={set('password')}
            error={errors.password}
          />
          {problem ? <Alert>{problem}</Alert> : null}
          <Button type="submit" block disabled={busy}>
            {busy ? t('auth.register.busy') : t('auth.register.submit')}
          </Button>
        </form>
        <p>
          {t('auth.register.haveAccount')} <Link to={`/host/sign-in${search.size ? `?${search.toString()}` : ''}`}>{t('auth.signIn.link')}</Link>
        </p>
      </div>
    </main>
  );
}
