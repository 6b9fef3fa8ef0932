import { Button } from '../../../components/ui/button';
import { OptionShape, optionLetter, optionName } from '../../../components/ui/option-shape';
import type { GameState } from '../../../lib/game-state';
import { useCountdown } from '../../../lib/use-countdown';
import { t } from '../../../messages/catalogue';
import styles from './host.module.css';

export function QuestionHeading({ state }: { state: GameState }) {
  return (
    <>
      <p className={styles.progress}>{t('host.question.progress', { number: state.questionIndex + 1, count: state.questionCount })}</p>
      <h1 className={styles.questionText}>{state.question?.text}</h1>
    </>
  );
}

/** The open question on the big screen: what to answer, the time left and how many answered. */
export function HostQuestion({
  state,
  serverNow,
  busy,
  onReveal,
  onSkip,
}: {
  state: GameState;
  serverNow: () => number;
  busy: boolean;
  onReveal: () => void;
  onSkip: () => void;
}) {
  const left = useCountdown(state.deadline, serverNow);
  const seconds = left === null ? null : Math.ceil(left / 1000);
  const question = state.question;
  if (!question) return null;
  return (
    <div className={styles.question}>
      <QuestionHeading state={state} />
      <div className={styles.questionMiddle}>
        <div className={styles.timer} role="timer" aria-label={t('host.question.timeLeft')}>
          <span aria-hidden="true">{seconds ?? '–'}</span>
          <span className="visually-hidden">{seconds === null ? '' : t('host.question.seconds', { seconds })}</span>
        </div>
        {question.imageUrl ? <img className={styles.questionImage} src={question.imageUrl} alt={t('host.question.image')} /> : null}
        <div className={styles.answers} role="status" aria-live="off">
          <span className={styles.answerCount}>{state.answerCount}</span>
          <span>{t('host.question.answered', { count: state.playerCount })}</span>
        </div>
      </div>
      {question.type === 'TYPE_ANSWER' ? (
        <p className={styles.lead}>{t('host.question.typeAnswer')}</p>
      ) : (
        <ol className={styles.options}>
          {question.options.map((option, index) => (
            <li key={index} className={styles.option} data-option={index % 6} aria-label={`${optionName(index)}: ${option}`}>
              <OptionShape index={index} />
              <span className={styles.optionLetter} aria-hidden="true">
                {optionLetter(index)}
              </span>
              <span>{option}</span>
            </li>
          ))}
        </ol>
      )}
      <div className={styles.controls}>
        <Button onClick={onReveal} disabled={busy}>
          {t('host.question.reveal')}
        </Button>
        <Button variant="secondary" onClick={onSkip} disabled={busy}>
          {t('host.question.skip')}
        </Button>
      </div>
    </div>
  );
}
