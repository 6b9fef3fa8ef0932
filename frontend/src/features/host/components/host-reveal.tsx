import { useEffect, useMemo } from 'react';
import { Button } from '../../../components/ui/button';
import { OptionShape, optionLetter, optionName } from '../../../components/ui/option-shape';
import type { Standing } from '../../../lib/frames';
import type { GameState } from '../../../lib/game-state';
import { t } from '../../../messages/catalogue';
import { QuestionHeading } from './host-question';
import styles from './host.module.css';

type Ranks = Record<string, number>;

/**
 * The top 5's ranks after each revealed question, kept per session in this tab's storage so a
 * reload still shows how ranks moved. The server sends ranks, not their change.
 */
function rankMemory(sessionId: string) {
  const key = `vanguard.host.ranks.${sessionId}`;
  const read = (): Record<number, Ranks> => {
    try {
      return JSON.parse(sessionStorage.getItem(key) ?? '{}') as Record<number, Ranks>;
    } catch {
      return {};
    }
  };
  return {
    before: (questionIndex: number): Ranks | null => {
      const all = read();
      const earlier = Object.keys(all)
        .map(Number)
        .filter((index) => index < questionIndex)
        .sort((a, b) => b - a)[0];
      return earlier === undefined ? null : (all[earlier] ?? null);
    },
    keep: (questionIndex: number, top: Standing[]) => {
      const ranks: Ranks = {};
      for (const standing of top) if (standing.playerId) ranks[standing.playerId] = standing.rank;
      sessionStorage.setItem(key, JSON.stringify({ ...read(), [questionIndex]: ranks }));
    },
  };
}

/** How a rank moved since the previous reveal: positive is up; null for the first reveal; 'new' when the player was not in the top 5. */
export function rankChange(previous: Ranks | null, standing: Standing): number | 'new' | null {
  if (!previous || !standing.playerId) return null;
  const before = previous[standing.playerId];
  return before === undefined ? 'new' : before - standing.rank;
}

function Change({ change }: { change: number | 'new' | null }) {
  if (change === null) return null;
  if (change === 'new') return <span className={styles.up}>{t('host.reveal.new')}</span>;
  if (change > 0) return <span className={styles.up}>{t('host.reveal.up', { count: change })}</span>;
  if (change < 0) return <span className={styles.down}>{t('host.reveal.down', { count: -change })}</span>;
  return <span className={styles.same}>{t('host.reveal.same')}</span>;
}

export function HostReveal({ state, busy, onNext }: { state: GameState; busy: boolean; onNext: () => void }) {
  const reveal = state.reveal;
  const memory = useMemo(() => rankMemory(state.sessionId ?? ''), [state.sessionId]);
  const previous = reveal ? memory.before(reveal.questionIndex) : null;
  useEffect(() => {
    if (reveal) memory.keep(reveal.questionIndex, reveal.top);
  }, [memory, reveal]);
  if (!reveal) return null;
  const options = state.question?.options ?? [];
  const highest = Math.max(1, ...reveal.distribution);
  const isPoll = reveal.questionType === 'POLL';
  const last = state.questionIndex + 1 >= state.questionCount;
  return (
    <div className={styles.reveal}>
      <QuestionHeading state={state} />
      <div className={styles.revealBody}>
        {reveal.questionType === 'TYPE_ANSWER' ? (
          <div className={styles.accepted}>
            <h2>{t('host.reveal.accepted')}</h2>
            <ul>
              {reveal.acceptedAnswers.map((answer) => (
                <li key={answer}>{answer}</li>
              ))}
            </ul>
            <p className={styles.lead}>{t('host.reveal.correctCount', { correct: reveal.correctCount, count: reveal.answerCount })}</p>
          </div>
        ) : (
          <figure className={styles.chart} aria-label={t('host.reveal.chart')}>
            <ol className={styles.bars}>
              {reveal.distribution.map((count, index) => {
                const correct = reveal.correctOptions.includes(index);
                return (
                  <li
                    key={index}
                    className={styles.barItem}
                    data-option={index % 6}
                    data-correct={correct || undefined}
                    aria-label={`${optionName(index)}: ${options[index] ?? ''}: ${t('host.reveal.votes', { count })}${correct ? `, ${t('host.reveal.correct')}` : ''}`}
                  >
                    <span className={styles.barCount} aria-hidden="true">
                      {count}
                    </span>
                    <span className={styles.bar} style={{ height: `${(count / highest) * 100}%` }} aria-hidden="true" />
                    <span className={styles.barLabel} aria-hidden="true">
                      <OptionShape index={index} />
                      {optionLetter(index)}
                      {correct && !isPoll ? <span className={styles.tick}>✓</span> : null}
                    </span>
                    <span className={styles.barText} aria-hidden="true">
                      {options[index]}
                    </span>
                  </li>
                );
              })}
            </ol>
            {isPoll ? null : (
              <figcaption className={styles.lead}>{t('host.reveal.correctCount', { correct: reveal.correctCount, count: reveal.answerCount })}</figcaption>
            )}
          </figure>
        )}
        <section className={styles.top} aria-labelledby="top-heading">
          <h2 id="top-heading">{t('host.reveal.top')}</h2>
          <ol>
            {reveal.top.slice(0, 5).map((standing) => (
              <li key={standing.playerId ?? standing.nickname} className={styles.topRow}>
                <span className={styles.rank}>{standing.rank}</span>
                <span className={styles.nickname}>{standing.nickname}</span>
                <span className={styles.score}>{standing.score}</span>
                <Change change={rankChange(previous, standing)} />
              </li>
            ))}
          </ol>
        </section>
      </div>
      <div className={styles.controls}>
        <Button onClick={onNext} disabled={busy}>
          {last ? t('host.reveal.podium') : t('host.reveal.next')}
        </Button>
      </div>
    </div>
  );
}
