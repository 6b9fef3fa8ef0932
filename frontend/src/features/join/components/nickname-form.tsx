import { useEffect, useState, type FormEvent } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { ApiError } from '../../../lib/api-client';
import { t } from '../../../messages/catalogue';
import { useJoinGame, type JoinedGame } from '../api/join-game';
import { cleanNickname, NICKNAME_MAX_LENGTH, nicknameLength, nicknameProblem } from '../nickname-rules';
import styles from './join.module.css';

/** Refusals that are about the name itself, shown beside the field rather than above the form. */
const NICKNAME_PROBLEMS = new Set(['nickname-taken', 'nickname-rejected', 'nickname-banned']);

interface NicknameFormProps {
  pin: string;
  onJoined: (joined: JoinedGame) => void;
}

export function NicknameForm({ pin, onJoined }: NicknameFormProps) {
  const [nickname, setNickname] = useState('');
  const [touched, setTouched] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [, setTick] = useState(0);
  const join = useJoinGame(pin);

  const localProblem = nicknameProblem(nickname);
  const serverError = join.error instanceof ApiError ? join.error : null;
  const fieldError =
    (touched && nickname !== '' && localProblem ? t(localProblem) : null) ??
    serverError?.fieldErrors.nickname ??
    (serverError && NICKNAME_PROBLEMS.has(serverError.problemType) ? serverError.message : null);
  const formError = join.error && !(serverError && (serverError.fieldErrors.nickname || NICKNAME_PROBLEMS.has(serverError.problemType)))
    ? join.error.message
    : null;
  const waitSeconds = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - Date.now()) / 1000));

  useEffect(() => {
    if (waitUntil === null) return;
    const timer = setInterval(() => {
      if (Date.now() >= waitUntil) setWaitUntil(null);
      setTick((tick) => tick + 1);
    }, 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (localProblem || join.isPending || waitSeconds > 0) return;
    join.mutate(cleanNickname(nickname), {
      onSuccess: (joined) => onJoined(joined),
      onError: (error) => {
        if (error instanceof ApiError && error.retryAfterSeconds !== null) {
          setWaitUntil(Date.now() + error.retryAfterSeconds * 1000);
        }
      },
    });
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        label={t('join.nickname.label')}
        hint={
          <>
            {t('join.nickname.rules')}{' '}
            <span aria-live="polite">
              {t('join.nickname.count', { count: nicknameLength(cleanNickname(nickname)) })}
            </span>
          </>
        }
        error={fieldError}
        name="nickname"
        autoComplete="nickname"
        autoCapitalize="words"
        enterKeyHint="go"
        maxLength={NICKNAME_MAX_LENGTH * 4}
        value={nickname}
        onChange={(event) => {
          setNickname(event.target.value);
          setTouched(true);
          if (join.isError) join.reset();
        }}
      />
      <Button type="submit" block disabled={join.isPending || waitSeconds > 0}>
        {join.isPending ? t('join.nickname.joining') : t('join.nickname.submit')}
      </Button>
    </form>
  );
}
