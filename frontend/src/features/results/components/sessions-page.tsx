import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { t, type MessageKey } from '../../../messages/catalogue';
import { HostLayout } from '../../host/components/host-layout';
import { listSessions } from '../api/results-api';
import styles from './results.module.css';

const PAGE_SIZE = 20;
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `/host/sessions`: the host's games, newest first; an ended one links to its results, a running one to its screen. */
export function SessionsPage() {
  const [search, setSearch] = useSearchParams();
  const page = Math.max(0, Number(search.get('page') ?? 0) || 0);
  const sessions = useQuery({ queryKey: ['sessions', page], queryFn: () => listSessions(page, PAGE_SIZE), placeholderData: keepPreviousData });
  const data = sessions.data;
  return (
    <HostLayout title={t('results.sessions.title')}>
      {sessions.isError ? <Alert>{sessions.error.message}</Alert> : null}
      {data && data.items.length === 0 ? <p>{t('results.sessions.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t('results.sessions.quiz')}</th>
              <th scope="col">{t('results.sessions.when')}</th>
              <th scope="col">{t('results.sessions.players')}</th>
              <th scope="col">{t('results.sessions.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('results.sessions.open')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((session) => (
              <tr key={session.id}>
                <th scope="row">{session.quizTitle}</th>
                <td>{dateTime.format(new Date(session.createdAt))}</td>
                <td>{session.playerCount}</td>
                <td>{t(`results.status.${session.status}` as MessageKey)}</td>
                <td>
                  {session.status === 'ENDED' ? (
                    <Link to={`/host/sessions/${session.id}/results`} aria-label={t('results.sessions.resultsOf', { title: session.quizTitle, when: dateTime.format(new Date(session.createdAt)) })}>
                      {t('results.sessions.results')}
                    </Link>
                  ) : (
                    <Link to={`/host/sessions/${session.id}`}>{t('results.sessions.resume')}</Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {data && data.totalPages > 1 ? (
        <nav className={styles.pager} aria-label={t('library.pages')}>
          <Button variant="secondary" disabled={page === 0} onClick={() => setSearch({ page: String(page - 1) })}>
            {t('library.previous')}
          </Button>
          <span>{t('library.pageOf', { page: page + 1, count: data.totalPages })}</span>
          <Button variant="secondary" disabled={page + 1 >= data.totalPages} onClick={() => setSearch({ page: String(page + 1) })}>
            {t('library.next')}
          </Button>
        </nav>
      ) : null}
    </HostLayout>
  );
}
