import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { OptionShape, optionLetter } from '../../../components/ui/option-shape';
import { Busy } from '../../../components/ui/screen';
import { t } from '../../../messages/catalogue';
import { HostLayout } from '../../host/components/host-layout';
import { downloadResultsCsv, getResults, type Results } from '../api/results-api';
import styles from './results.module.css';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const seconds = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** The share of answers that were right; null when nobody answered (or for a poll, which has no right answer). */
export function correctShare(question: Results['questions'][number]): number | null {
  if (question.type === 'POLL' || question.answered === 0) return null;
  return question.correct / question.answered;
}

function Question({ question }: { question: Results['questions'][number] }) {
  const share = correctShare(question);
  const total = Math.max(1, question.distribution.reduce((sum, count) => sum + count, 0));
  return (
    <section className={styles.question} aria-labelledby={`question-${question.index}`}>
      <h3 id={`question-${question.index}`}>{t('results.question.heading', { number: question.index + 1, text: question.text })}</h3>
      <dl className={styles.figures}>
        <div>
          <dt>{t('results.question.answered')}</dt>
          <dd>{question.answered}</dd>
        </div>
        <div>
          <dt>{t('results.question.correct')}</dt>
          <dd>{share === null ? '—' : percent.format(share)}</dd>
        </div>
        <div>
          <dt>{t('results.question.averageTime')}</dt>
          <dd>{question.averageResponseMs === null ? '—' : t('results.question.seconds', { seconds: seconds.format(question.averageResponseMs / 1000) })}</dd>
        </div>
      </dl>
      {question.type === 'TYPE_ANSWER' ? (
        <p>{t('results.question.accepted', { answers: question.acceptedAnswers.join(', ') })}</p>
      ) : (
        <table className={styles.distribution}>
          <caption className="visually-hidden">{t('results.question.distribution')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.question.option')}</th>
              <th scope="col">{t('results.question.count')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('results.question.share')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {question.options.map((option, index) => {
              const correct = question.correctOptions.includes(index);
              const count = question.distribution[index] ?? 0;
              return (
                <tr key={index} data-option={index % 6}>
                  <th scope="row">
                    <span className={styles.optionName}>
                      <OptionShape index={index} />
                      {optionLetter(index)} {option}
                      {correct ? <span className={styles.correct}> ✓ {t('results.question.isCorrect')}</span> : null}
                    </span>
                  </th>
                  <td>{count}</td>
                  <td className={styles.barCell}>
                    <span className={styles.bar} style={{ width: `${(count / total) * 100}%` }} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Tells the host when the results may miss answers: the game's live state was lost while it ran. */
export function LiveStateLostNotice({ results }: { results: Pick<Results, 'liveStateLost'> }) {
  return results.liveStateLost ? <Alert tone="info">{t('results.liveStateLost')}</Alert> : null;
}

/** `/host/sessions/{id}/results`: standings, each question's figures, and the CSV. */
export function ResultsPage() {
  const { sessionId = '' } = useParams();
  const results = useQuery({ queryKey: ['results', sessionId], queryFn: () => getResults(sessionId) });
  const [problem, setProblem] = useState<string | null>(null);
  if (results.isPending) return <Busy label={t('app.loading')} />;
  if (results.isError) {
    return (
      <HostLayout title={t('results.title')}>
        <Alert>{results.error.message}</Alert>
      </HostLayout>
    );
  }
  const data = results.data;
  async function download() {
    setProblem(null);
    try {
      await downloadResultsCsv(sessionId, `${data.quizTitle.replace(/[^\p{L}\p{N}]+/gu, '-').toLowerCase()}-results.csv`);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : t('problem.unknown'));
    }
  }
  return (
    <HostLayout title={t('results.titleOf', { title: data.quizTitle })}>
      <div className={styles.toolbar}>
        <p>{t('results.ended', { when: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(data.endedAt)) })}</p>
        <Button onClick={() => void download()}>{t('results.csv')}</Button>
      </div>
      {problem ? <Alert>{problem}</Alert> : null}
      <LiveStateLostNotice results={data} />
      <h2>{t('results.standings')}</h2>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t('results.rank')}</th>
            <th scope="col">{t('results.nickname')}</th>
            <th scope="col">{t('results.score')}</th>
            <th scope="col">{t('results.correctCount')}</th>
            <th scope="col">{t('results.answeredCount')}</th>
          </tr>
        </thead>
        <tbody>
          {data.standings.map((standing) => (
            <tr key={standing.playerId}>
              <td>{standing.rank}</td>
              <th scope="row">{standing.nickname}</th>
              <td>{standing.totalScore}</td>
              <td>{standing.correctCount}</td>
              <td>{standing.answeredCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('results.questions')}</h2>
      {data.questions.map((question) => (
        <Question key={question.index} question={question} />
      ))}
    </HostLayout>
  );
}
