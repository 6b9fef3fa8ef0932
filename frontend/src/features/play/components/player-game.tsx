import { useCallback, useEffect, useRef, useState } from 'react';
import { Screen } from '../../../components/ui/screen';
import type { ErrorFrame } from '../../../lib/frames';
import type { PlayerSession } from '../../../lib/player-session';
import { clearPlayerSession } from '../../../lib/player-session';
import { useCountdown } from '../../../lib/use-countdown';
import { useGameSocket } from '../../../lib/use-game-socket';
import { useWakeLock } from '../../../lib/use-wake-lock';
import { gatewaySocketUrl } from '../../../lib/ws-client';
import { t, type MessageKey } from '../../../messages/catalogue';
import { isSending, type PendingAnswer } from '../pending-answer';
import { QuestionScreen, type Answer } from './question-screen';
import {
  AnsweredScreen,
  ConnectingScreen,
  FinalScreen,
  GoneScreen,
  LobbyScreen,
  RevealScreen,
  TimeUpScreen,
  verdictOf,
} from './status-screens';
import styles from './play.module.css';

const ANNOUNCED_SECONDS = new Set([10, 5]);

function errorMessage(error: ErrorFrame): string {
  const known: ErrorFrame['code'][] = ['LATE', 'ALREADY_ANSWERED', 'NOT_OPEN', 'WRONG_QUESTION', 'INVALID_CHOICE', 'UNAVAILABLE'];
  return known.includes(error.code)
    ? t(`play.error.${error.code}` as MessageKey)
    : t('play.error.other', { message: error.message });
}

/** The player's phone during a game: one screen per state of the session. */
export function PlayerGame({ session }: { session: PlayerSession }) {
  const url = useCallback(() => gatewaySocketUrl({ token: session.token }), [session.token]);
  const { state, connection, send, serverNow } = useGameSocket(url);
  const [pending, setPending] = useState<PendingAnswer | null>(null);
  const [answeredHere, setAnsweredHere] = useState<ReadonlySet<number>>(new Set());
  const [notSent, setNotSent] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  const inQuestion = state.status === 'QUESTION';
  const msLeft = useCountdown(inQuestion ? state.deadline : null, serverNow);
  const secondsLeft = msLeft === null ? null : Math.ceil(msLeft / 1000);
  useWakeLock(state.status !== null && state.status !== 'ENDED' && connection.status !== 'ended');

  const ended = connection.status === 'ended' ? connection.reason : null;
  useEffect(() => {
    if (ended && ended !== 'session-over' && ended !== 'replaced') clearPlayerSession();
  }, [ended]);

  const errorForQuestion =
    state.error && (state.error.questionIndex == null || state.error.questionIndex === state.questionIndex) ? state.error : null;
  const sending = isSending(pending, state);

  // Screen readers hear the question, the time left at 10 and 5 s, and the result.
  const lastAnnounced = useRef('');
  const announce = useCallback((key: string, text: string) => {
    if (lastAnnounced.current === key) return;
    lastAnnounced.current = key;
    setAnnouncement(text);
  }, []);
  useEffect(() => {
    if (inQuestion && state.question) {
      announce(`q${state.questionIndex}`, t('play.question.announce', { number: state.questionIndex + 1, text: state.question.text }));
    }
  }, [announce, inQuestion, state.question, state.questionIndex]);
  useEffect(() => {
    if (inQuestion && secondsLeft !== null && ANNOUNCED_SECONDS.has(secondsLeft) && !state.answer) {
      announce(`q${state.questionIndex}-${secondsLeft}`, t('play.question.announceTime', { seconds: secondsLeft }));
    }
  }, [announce, inQuestion, secondsLeft, state.answer, state.questionIndex]);
  useEffect(() => {
    if (state.status === 'REVEAL' && state.reveal && state.result) {
      const verdict = verdictOf(state.reveal, state.result);
      const words = { poll: 'play.reveal.poll', correct: 'play.reveal.correct', wrong: 'play.reveal.wrong', none: 'play.reveal.noAnswer' } as const;
      announce(
        `r${state.questionIndex}`,
        t('play.reveal.announce', {
          verdict: t(words[verdict]),
          points: state.result.points,
          score: state.result.score,
          rank: state.result.rank,
          count: state.result.playerCount,
        }),
      );
    }
  }, [announce, state.status, state.reveal, state.result, state.questionIndex]);
  useEffect(() => {
    if (state.final) {
      announce('final', t('play.final.announce', { rank: state.final.rank, count: state.final.playerCount, score: state.final.score }));
    }
  }, [announce, state.final]);

  function answer(value: Answer) {
    setNotSent(false);
    const sent = send({ type: 'answer', questionIndex: state.questionIndex, ...value });
    if (!sent) {
      setNotSent(true);
      return;
    }
    setPending({ questionIndex: state.questionIndex, errorBefore: state.error, catchupsBefore: state.catchups });
    setAnsweredHere((current) => new Set(current).add(state.questionIndex));
  }

  let content: React.ReactNode;
  if (ended === 'kicked') {
    content = <GoneScreen title={t('play.kicked.title')} body={t('play.kicked.body')} />;
  } else if (ended === 'replaced') {
    content = <GoneScreen title={t('play.replaced.title')} body={t('play.replaced.body')} />;
  } else if (ended && ended !== 'session-over') {
    content = <GoneScreen title={t('play.refused.title')} body={t('play.refused.body')} />;
  } else if (ended === 'session-over' || state.status === 'ENDED') {
    content = <FinalScreen final={state.final} ended />;
  } else if (state.status === null) {
    content = <ConnectingScreen />;
  } else if (state.status === 'LOBBY') {
    content = <LobbyScreen nickname={state.you?.nickname ?? session.nickname} playerCount={state.playerCount} title={state.title} />;
  } else if (state.status === 'QUESTION' && state.question) {
    const alreadyAnswered = errorForQuestion?.code === 'ALREADY_ANSWERED';
    if (state.answer || alreadyAnswered) {
      content = (
        <AnsweredScreen
          question={state.question}
          questionIndex={state.questionIndex}
          questionCount={state.questionCount}
          secondsLeft={secondsLeft}
          answer={state.answer}
          answeredBefore={!answeredHere.has(state.questionIndex) || alreadyAnswered}
        />
      );
    } else if (secondsLeft === 0) {
      content = <TimeUpScreen questionIndex={state.questionIndex} questionCount={state.questionCount} />;
    } else {
      content = (
        <QuestionScreen
          key={state.questionIndex}
          question={state.question}
          questionIndex={state.questionIndex}
          questionCount={state.questionCount}
          secondsLeft={secondsLeft}
          sending={sending}
          error={notSent ? t('play.answer.notSent') : errorForQuestion ? errorMessage(errorForQuestion) : null}
          onAnswer={answer}
        />
      );
    }
  } else if (state.status === 'REVEAL' && state.reveal) {
    content = <RevealScreen question={state.question} reveal={state.reveal} result={state.result} />;
  } else {
    content = <FinalScreen final={state.final} ended={false} />;
  }

  // A new screen (the next question, the reveal) takes the focus to its heading, so keyboard
  // and screen reader users start there rather than on a button of the screen before.
  const screenKey = `${ended ?? ''}|${state.status ?? ''}|${state.questionIndex}|${state.answer ? 'answered' : ''}`;
  const screenRef = useRef<HTMLDivElement>(null);
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    const heading = screenRef.current?.querySelector('h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }, [screenKey]);

  const reconnecting = state.status !== null && !ended && connection.status !== 'open';
  return (
    <>
      {reconnecting ? (
        <div className={styles.banner} role="status">
          {connection.status === 'waiting' && connection.retryInMs >= 2000
            ? t('play.reconnectingIn', { seconds: Math.round(connection.retryInMs / 1000) })
            : t('play.reconnecting')}
        </div>
      ) : null}
      <div ref={screenRef} className={styles.screenWrap}>
        <Screen>{content}</Screen>
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </>
  );
}
