import { Link } from 'react-router';
import { buttonClass } from '../../../components/ui/button';
import { Busy, Centered } from '../../../components/ui/screen';
import { optionLetter } from '../../../components/ui/option-shape';
import type { QuestionView, YourAnswer } from '../../../lib/frames';
import type { FinalStanding, QuestionResult, Reveal } from '../../../lib/game-state';
import { t, tPlural } from '../../../messages/catalogue';
import { QuestionHeader } from './question-screen';
import styles from './play.module.css';

export function LobbyScreen({ nickname, playerCount, title }: { nickname: string; playerCount: number; title: string }) {
  return (
    <Centered>
      <p className={styles.muted}>{title}</p>
      <h1 className={styles.bigName}>{nickname}</h1>
      <p className={styles.badge}>
        <span aria-hidden="true">✓</span> {t('play.lobby.youAreIn')}
      </p>
      <p>{t('play.lobby.waiting')}</p>
      <p className={styles.muted}>{tPlural('play.lobby.count', playerCount)}</p>
    </Centered>
  );
}

function describeAnswer(question: QuestionView | null, answer: YourAnswer): string {
  if (answer.text) return answer.text;
  return (answer.options ?? [])
    .map((index) => `${optionLetter(index)} ${question?.options[index] ?? ''}`.trim())
    .join(', ');
}

export function AnsweredScreen(props: {
  question: QuestionView | null;
  questionIndex: number;
  questionCount: number;
  secondsLeft: number | null;
  /** Null when the server said "already answered" without saying what. */
  answer: YourAnswer | null;
  answeredBefore: boolean;
}) {
  return (
    <>
      <QuestionHeader {...props} />
      <Centered>
        <div className={[styles.verdictIcon, styles.neutral].join(' ')} aria-hidden="true">
          ✓
        </div>
        <h1>{props.answeredBefore ? t('play.answer.alreadyAnswered') : t('play.answer.lockedIn')}</h1>
        {props.answer ? <p>{t('play.answer.yours', { answer: describeAnswer(props.question, props.answer) })}</p> : null}
        <p className={styles.muted}>{t('play.answer.waitReveal')}</p>
      </Centered>
    </>
  );
}

export function TimeUpScreen(props: { questionIndex: number; questionCount: number }) {
  return (
    <>
      <QuestionHeader {...props} secondsLeft={0} />
      <Centered>
        <h1>{t('play.question.timeUp')}</h1>
        <p className={styles.muted}>{t('play.answer.waitReveal')}</p>
      </Centered>
    </>
  );
}

function rightAnswer(question: QuestionView | null, reveal: Reveal): string | null {
  if (reveal.questionType === 'POLL') return null;
  if (reveal.questionType === 'TYPE_ANSWER') return reveal.acceptedAnswers[0] ?? null;
  const answers = reveal.correctOptions.map((index) => `${optionLetter(index)} ${question?.options[index] ?? ''}`.trim());
  return answers.length > 0 ? answers.join(', ') : null;
}

export function verdictOf(reveal: Reveal, result: QuestionResult | null): 'poll' | 'correct' | 'wrong' | 'none' {
  if (reveal.questionType === 'POLL') return 'poll';
  if (!result || !result.answered) return 'none';
  return result.correct ? 'correct' : 'wrong';
}

export function RevealScreen({ question, reveal, result }: { question: QuestionView | null; reveal: Reveal; result: QuestionResult | null }) {
  const verdict = verdictOf(reveal, result);
  const answer = rightAnswer(question, reveal);
  const icon = { poll: '★', correct: '✓', wrong: '✗', none: '–' }[verdict];
  const tone = { poll: styles.neutral, correct: styles.correct, wrong: styles.wrong, none: styles.wrong }[verdict];
  const label = {
    poll: t('play.reveal.poll'),
    correct: t('play.reveal.correct'),
    wrong: t('play.reveal.wrong'),
    none: t('play.reveal.noAnswer'),
  }[verdict];
  return (
    <Centered>
      <div className={[styles.verdictIcon, tone].join(' ')} aria-hidden="true">
        {icon}
      </div>
      <h1 className={styles.verdict}>{label}</h1>
      {answer && verdict !== 'correct' ? <p>{t('play.reveal.rightAnswer', { answer })}</p> : null}
      {result ? (
        <ul className={styles.stats}>
          <li className={styles.points}>{t('play.reveal.points', { points: result.points })}</li>
          {result.streak > 0 ? <li>{t('play.reveal.streak', { streak: result.streak })}</li> : null}
          <li>{t('play.reveal.total', { score: result.score })}</li>
          <li className={styles.rank}>{t('play.reveal.rank', { rank: result.rank, count: result.playerCount })}</li>
        </ul>
      ) : null}
    </Centered>
  );
}

export function FinalScreen({ final, ended }: { final: FinalStanding | null; ended: boolean }) {
  return (
    <Centered>
      <h1>{ended ? t('play.ended.title') : t('play.podium.title')}</h1>
      {final ? (
        <>
          <p className={styles.rank}>{t('play.final.rank', { rank: final.rank, count: final.playerCount })}</p>
          <p className={styles.points}>{t('play.final.score', { score: final.score })}</p>
        </>
      ) : null}
      <p className={styles.muted}>{ended ? t('play.ended.body') : t('play.final.waiting')}</p>
      {ended ? (
        <Link className={buttonClass('secondary')} to="/">
          {t('play.again')}
        </Link>
      ) : null}
    </Centered>
  );
}

export function GoneScreen({ title, body }: { title: string; body: string }) {
  return (
    <Centered>
      <div className={[styles.verdictIcon, styles.wrong].join(' ')} aria-hidden="true">
        ✗
      </div>
      <h1>{title}</h1>
      <p>{body}</p>
      <Link className={buttonClass('primary')} to="/">
        {t('play.again')}
      </Link>
    </Centered>
  );
}

export function ConnectingScreen() {
  return <Busy label={t('play.connecting')} />;
}
