import { useEffect, useState, type FormEvent } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';
import { ApiError } from '../../../lib/api-client';
import { t } from '../../../messages/catalogue';
import { useJoinGame, type JoinedGame } from '../api/join-game';
import { PATTERN_LENGTH, type PatternShape } from '../join-pattern';
import { cleanNickname, NICKNAME_MAX_LENGTH, nicknameLength, nicknameProblem } from '../nickname-rules';
import styles from './join.module.css';
import { PatternPicker } from './pattern-picker';

/** Refusals that are about the name itself, shown beside the field rather than above the form. */
const NICKNAME_PROBLEMS = new Set(['nickname-taken', 'nickname-rejected', 'nickname-banned']);

/** Refusals about the two-step pattern, shown beside the shapes. */
const PATTERN_PROBLEMS = new Set(['wrong-join-pattern', 'join-pattern-required']);

interface NicknameFormProps {
  pin: string;
  /** The PIN look-up said the host asks for the pattern on the big screen. */
  twoStepJoin?: boolean;
  /** The PIN look-up said the server names every player: no nickname is asked for. */
  friendlyNicknames?: boolean;
  onJoined: (joined: JoinedGame) => void;
}

export function NicknameForm({ pin, twoStepJoin = false, friendlyNicknames = false, onJoined }: NicknameFormProps) {
  const [nickname, setNickname] = useState('');
  const [touched, setTouched] = useState(false);
  // The host may turn friendly nicknames off after the look-up: the server's refusal of the
  // missing name asks for one then.
  const [asksNickname, setAsksNickname] = useState(!friendlyNicknames);
  // The host may turn two-step join on after the look-up: the server's refusal asks for it then.
  const [asksPattern, setAsksPattern] = useState(twoStepJoin);
  const [pattern, setPattern] = useState<PatternShape[]>([]);
  const [patternIncomplete, setPatternIncomplete] = useState(false);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [, setTick] = useState(0);
  const join = useJoinGame(pin);

  const localProblem = asksNickname ? nicknameProblem(nickname) : null;
  const serverError = join.error instanceof ApiError ? join.error : null;
  const fieldError =
    (touched && nickname !== '' && localProblem ? t(localProblem) : null) ??
    serverError?.fieldErrors.nickname ??
    (serverError && NICKNAME_PROBLEMS.has(serverError.problemType) ? serverError.message : null);
  const patternError =
    (serverError && PATTERN_PROBLEMS.has(serverError.problemType) ? serverError.message : null) ??
    (patternIncomplete && pattern.length < PATTERN_LENGTH ? t('join.pattern.incomplete') : null);
  const shownBeside =
    serverError &&
    ((asksNickname && (serverError.fieldErrors.nickname || NICKNAME_PROBLEMS.has(serverError.problemType))) || PATTERN_PROBLEMS.has(serverError.problemType));
  const formError = join.error && !shownBeside ? join.error.message : null;
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
    if (asksPattern && pattern.length < PATTERN_LENGTH) {
      setPatternIncomplete(true);
      return;
    }
    join.mutate(
      { nickname: asksNickname ? cleanNickname(nickname) : undefined, pattern: asksPattern ? pattern : undefined },
      {
        onSuccess: (joined) => onJoined(joined),
        onError: (error) => {
          if (error instanceof ApiError && error.retryAfterSeconds !== null) {
            setWaitUntil(Date.now() + error.retryAfterSeconds * 1000);
          }
          if (error instanceof ApiError && error.fieldErrors.nickname) setAsksNickname(true);
          if (error instanceof ApiError && PATTERN_PROBLEMS.has(error.problemType)) {
            // a wrong pattern is tapped again from the start; a missing one is asked for
            setAsksPattern(true);
            setPattern([]);
          }
        },
      },
    );
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {formError ? <Alert>{formError}</Alert> : null}
      {asksNickname ? (
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
      ) : (
        <p className={styles.friendly}>{t('join.friendly.hint')}</p>
      )}
      {asksPattern ? (
        <PatternPicker
          pattern={pattern}
          error={patternError}
          disabled={join.isPending}
          onChange={(next) => {
            setPattern(next);
            setPatternIncomplete(false);
            if (join.isError) join.reset();
          }}
        />
      ) : null}
      <Button type="submit" block disabled={join.isPending || waitSeconds > 0}>
        {join.isPending ? t('join.nickname.joining') : t('join.nickname.submit')}
      </Button>
    </form>
  );
}
