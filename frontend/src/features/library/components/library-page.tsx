import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button, buttonClass } from '../../../components/ui/button';
import { t, tPlural } from '../../../messages/catalogue';
import { useAuth } from '../../auth/use-auth';
import { HostLayout } from '../../host/components/host-layout';
import { copyQuiz, deleteQuiz, exportQuiz, importQuiz, listQuizzes, type QuizSummary } from '../api/quizzes-api';
import styles from './library.module.css';

const PAGE_SIZE = 12;

/** The library's query lives in the address, so a reload or the back button keeps it. */
function useLibraryQuery() {
  const [search, setSearch] = useSearchParams();
  const scope: 'mine' | 'public' = search.get('scope') === 'public' ? 'public' : 'mine';
  const q = search.get('q') ?? '';
  const tags = search.getAll('tag');
  const page = Math.max(0, Number(search.get('page') ?? 0) || 0);
  const update = (changes: { scope?: string; q?: string; tags?: string[]; page?: number }) => {
    const next = new URLSearchParams();
    next.set('scope', changes.scope ?? scope);
    const query = changes.q ?? q;
    if (query) next.set('q', query);
    for (const tag of changes.tags ?? tags) next.append('tag', tag);
    const nextPage = changes.page ?? 0;
    if (nextPage > 0) next.set('page', String(nextPage));
    setSearch(next);
  };
  return { scope, q, tags, page, update };
}

function download(name: string, body: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

function fileName(title: string): string {
  return `${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase() || 'quiz'}.json`;
}

/** `/host`: the host's quizzes and the public ones, to host, edit, copy, export or delete. */
export function LibraryPage() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { scope, q, tags, page, update } = useLibraryQuery();
  const [words, setWords] = useState(q);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<QuizSummary | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const quizzes = useQuery({
    queryKey: ['quizzes', scope, q, tags, page],
    queryFn: () => listQuizzes({ scope, q, tags, page, size: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['quizzes'] });
  const failed = (error: Error) => setProblem(error.message);

  const copy = useMutation({
    mutationFn: copyQuiz,
    onSuccess: (quiz) => {
      setNotice(t('library.copied', { title: quiz.title }));
      void refresh();
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: deleteQuiz,
    onSuccess: () => {
      setDeleting(null);
      setNotice(t('library.deleted'));
      void refresh();
    },
    onError: failed,
  });
  const importFile = useMutation({
    mutationFn: async (file: File) => {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(t('library.import.notJson'));
      }
      return importQuiz(body);
    },
    onSuccess: (quiz) => {
      setNotice(t('library.imported', { title: quiz.title }));
      update({ scope: 'mine', q: '', tags: [] });
      void refresh();
    },
    onError: failed,
  });

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    update({ q: words.trim() });
  }

  function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    setProblem(null);
    if (file) importFile.mutate(file);
  }

  async function exportOne(quiz: QuizSummary) {
    setProblem(null);
    try {
      download(fileName(quiz.title), await exportQuiz(quiz.id));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : t('problem.unknown'));
    }
  }

  const data = quizzes.data;
  return (
    <HostLayout title={t('library.title')}>
      <div className={styles.toolbar}>
        <div role="group" aria-label={t('library.scope')} className={styles.tabs}>
          {(['mine', 'public'] as const).map((value) => (
            <button key={value} type="button" aria-pressed={scope === value} className={styles.tab} onClick={() => update({ scope: value })}>
              {t(value === 'mine' ? 'library.mine' : 'library.public')}
            </button>
          ))}
        </div>
        <form role="search" onSubmit={submitSearch} className={styles.search}>
          <label htmlFor="library-search" className="visually-hidden">
            {t('library.search')}
          </label>
          <input id="library-search" type="search" value={words} maxLength={200} placeholder={t('library.searchPlaceholder')} onChange={(e) => setWords(e.target.value)} />
          <Button type="submit" variant="secondary">
            {t('library.search')}
          </Button>
        </form>
        <Link className={buttonClass('primary')} to="/host/quizzes/new">
          {t('library.new')}
        </Link>
        <Button variant="secondary" onClick={() => fileInput.current?.click()} disabled={importFile.isPending}>
          {t('library.import')}
        </Button>
        <input ref={fileInput} type="file" accept="application/json,.json" hidden onChange={onFile} aria-label={t('library.import')} />
      </div>
      {tags.length > 0 ? (
        <p className={styles.tags}>
          {t('library.filteredBy')}{' '}
          {tags.map((tag) => (
            <button key={tag} type="button" className={styles.tag} onClick={() => update({ tags: tags.filter((other) => other !== tag) })} aria-label={t('library.removeTag', { tag })}>
              {tag} ×
            </button>
          ))}
        </p>
      ) : null}
      {problem ? <Alert>{problem}</Alert> : null}
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {quizzes.isError ? <Alert>{quizzes.error.message}</Alert> : null}
      {data && data.items.length === 0 ? <p className={styles.empty}>{q || tags.length ? t('library.noMatch') : t(scope === 'mine' ? 'library.emptyMine' : 'library.emptyPublic')}</p> : null}
      <ul className={styles.grid} aria-busy={quizzes.isFetching}>
        {data?.items.map((quiz) => {
          const own = quiz.ownerId === user?.id;
          return (
            <li key={quiz.id} className={styles.card}>
              <h2 className={styles.cardTitle}>{quiz.title}</h2>
              {quiz.description ? <p className={styles.description}>{quiz.description}</p> : null}
              <p className={styles.meta}>
                {tPlural('library.questions', quiz.questionCount)} · {t(quiz.visibility === 'PUBLIC' ? 'library.visibility.public' : 'library.visibility.private')}
              </p>
              {quiz.tags.length > 0 ? (
                <p className={styles.tags}>
                  {quiz.tags.map((tag) => (
                    <button key={tag} type="button" className={styles.tag} onClick={() => update({ tags: [...new Set([...tags, tag])] })} aria-label={t('library.filterTag', { tag })}>
                      {tag}
                    </button>
                  ))}
                </p>
              ) : null}
              <div className={styles.cardActions}>
                <Button onClick={() => navigate(`/host/quizzes/${quiz.id}/host`)} disabled={quiz.questionCount === 0} aria-label={t('library.hostTitle', { title: quiz.title })}>
                  {t('library.host')}
                </Button>
                {own ? (
                  <Link className={buttonClass('secondary')} to={`/host/quizzes/${quiz.id}/edit`} aria-label={t('library.editTitle', { title: quiz.title })}>
                    {t('library.edit')}
                  </Link>
                ) : (
                  <Button variant="secondary" onClick={() => copy.mutate(quiz.id)} disabled={copy.isPending} aria-label={t('library.copyTitle', { title: quiz.title })}>
                    {t('library.copy')}
                  </Button>
                )}
                <Button variant="secondary" onClick={() => void exportOne(quiz)} aria-label={t('library.exportTitle', { title: quiz.title })}>
                  {t('library.export')}
                </Button>
                {own ? (
                  <Button variant="danger" onClick={() => setDeleting(quiz)} aria-label={t('library.deleteTitle', { title: quiz.title })}>
                    {t('library.delete')}
                  </Button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {data && data.totalPages > 1 ? (
        <nav className={styles.pager} aria-label={t('library.pages')}>
          <Button variant="secondary" disabled={page === 0} onClick={() => update({ page: page - 1 })}>
            {t('library.previous')}
          </Button>
          <span>{t('library.pageOf', { page: page + 1, count: data.totalPages })}</span>
          <Button variant="secondary" disabled={page + 1 >= data.totalPages} onClick={() => update({ page: page + 1 })}>
            {t('library.next')}
          </Button>
        </nav>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('library.deleteConfirmTitle', { title: deleting.title })}
          body={t('library.deleteConfirmBody')}
          confirm={t('library.delete')}
          busy={remove.isPending}
          onConfirm={() => remove.mutate(deleting.id)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </HostLayout>
  );
}

function ConfirmDialog(props: { title: string; body: string; confirm: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <dialog
      open={false}
      ref={(dialog) => {
        if (dialog && !dialog.open) dialog.showModal();
      }}
      className={styles.dialog}
      aria-labelledby="confirm-title"
      onCancel={props.onCancel}
    >
      <h2 id="confirm-title">{props.title}</h2>
      <p>{props.body}</p>
      <div className={styles.cardActions}>
        <Button variant="danger" onClick={props.onConfirm} disabled={props.busy}>
          {props.confirm}
        </Button>
        <Button variant="secondary" onClick={props.onCancel} autoFocus>
          {t('host.cancel')}
        </Button>
      </div>
    </dialog>
  );
}
