import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Busy } from '../../../components/ui/screen';
import { TextField } from '../../../components/ui/text-field';
import { ApiError } from '../../../lib/api-client';
import { t } from '../../../messages/catalogue';
import { HostLayout } from '../../host/components/host-layout';
import { createQuiz, getQuiz, updateQuiz } from '../api/editor-api';
import {
  MAX_QUESTIONS,
  duplicate,
  emptyQuiz,
  fromQuiz,
  move,
  newQuestion,
  questionErrors,
  serverFieldErrors,
  validateQuiz,
  type FieldErrors,
  type Quiz,
  type QuizDraft,
} from '../quiz-draft';
import { useUnsavedChangesWarning } from '../unsaved-changes';
import { QuestionForm } from './question-form';
import { QuestionList } from './question-list';
import styles from './editor.module.css';

/** `/host/quizzes/new` and `/host/quizzes/{id}/edit`. */
export function EditorPage() {
  const { quizId } = useParams();
  const quiz = useQuery({ queryKey: ['quiz', quizId], queryFn: () => getQuiz(quizId!), enabled: !!quizId, gcTime: 0 });
  if (quizId && quiz.isPending) return <Busy label={t('app.loading')} />;
  if (quizId && quiz.isError) {
    return (
      <HostLayout title={t('editor.editTitle')}>
        <Alert>{quiz.error.message}</Alert>
      </HostLayout>
    );
  }
  return <Editor key={quiz.data ? `${quiz.data.id}:${quiz.data.version}` : 'new'} loaded={quiz.data ?? null} />;
}

function Editor({ loaded }: { loaded: Quiz | null }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fieldId = useId();
  const initial = useMemo(() => (loaded ? fromQuiz(loaded) : emptyQuiz()), [loaded]);
  const [draft, setDraft] = useState<QuizDraft>(initial);
  const [saved, setSaved] = useState(() => JSON.stringify(initial));
  const [version, setVersion] = useState(loaded?.version ?? 0);
  const [quizId, setQuizId] = useState(loaded?.id ?? null);
  const [selected, setSelected] = useState(0);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  // A new quiz's first save moves to its own address, which draws this editor anew.
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>((location.state as { saved?: boolean } | null)?.saved ? t('editor.save.done') : null);
  const [saving, setSaving] = useState(false);

  const dirty = JSON.stringify(draft) !== saved;
  useUnsavedChangesWarning(dirty);
  const localErrors = useMemo(() => validateQuiz(draft), [draft]);
  const errors: FieldErrors = showErrors ? { ...serverErrors, ...localErrors } : serverErrors;
  const current = Math.min(selected, draft.questions.length - 1);

  useEffect(() => {
    if (dirty) setNotice(null);
  }, [dirty]);

  const update = (changes: Partial<QuizDraft>) => {
    setDraft((previous) => ({ ...previous, ...changes }));
    setServerErrors({});
  };
  const setQuestions = (questions: QuizDraft['questions'], select = current) => {
    update({ questions });
    setSelected(Math.max(0, Math.min(select, questions.length - 1)));
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    setShowErrors(true);
    setProblem(null);
    if (Object.keys(localErrors).length > 0) {
      setProblem(t('editor.save.fix'));
      const first = draft.questions.findIndex((_, index) => questionErrors(localErrors, index).length > 0);
      if (first >= 0) setSelected(first);
      return;
    }
    setSaving(true);
    try {
      const result = quizId ? await updateQuiz(quizId, version, draft) : await createQuiz(draft);
      // Saved questions keep their server ids, so the next save keeps them too.
      const next = { ...draft, questions: draft.questions.map((question, index) => ({ ...question, id: result.questions[index]?.id })) };
      setDraft(next);
      setSaved(JSON.stringify(next));
      setVersion(result.version);
      setServerErrors({});
      setNotice(t('editor.save.done'));
      void queryClient.invalidateQueries({ queryKey: ['quizzes'] });
      if (!quizId) {
        setQuizId(result.id);
        queryClient.setQueryData(['quiz', result.id], result);
        navigate(`/host/quizzes/${result.id}/edit`, { replace: true, state: { saved: true } });
      }
    } catch (error) {
      if (error instanceof ApiError && error.problemType === 'version-conflict') {
        setConflict(true);
      } else if (error instanceof ApiError && error.problemType === 'validation') {
        // The server's rules win where they differ from ours: show its words on its fields.
        setServerErrors(serverFieldErrors(error.fieldErrors));
        setProblem(error.problem.detail ?? error.message);
      } else {
        setProblem(error instanceof Error ? error.message : t('problem.unknown'));
      }
    } finally {
      setSaving(false);
    }
  }

  async function reload() {
    setConflict(false);
    navigate(location.pathname, { replace: true, state: null });
    await queryClient.invalidateQueries({ queryKey: ['quiz', quizId] });
  }

  const question = draft.questions[current];
  const quizFieldErrors = ['title', 'description', 'visibility', 'tags', 'questions'].filter((field) => errors[field]);
  return (
    <HostLayout title={quizId ? t('editor.editTitle') : t('editor.newTitle')}>
      <form onSubmit={save} noValidate className={styles.editor}>
        <div className={styles.bar}>
          <span role="status" className={styles.state}>
            {dirty ? t('editor.save.unsaved') : (notice ?? t('editor.save.clean'))}
          </span>
          <Button type="submit" disabled={saving}>
            {saving ? t('editor.save.saving') : t('editor.save.submit')}
          </Button>
        </div>
        {conflict ? (
          <div role="alert" className={styles.conflict}>
            <p>{t('editor.conflict.body')}</p>
            <Button onClick={() => void reload()}>{t('editor.conflict.reload')}</Button>
          </div>
        ) : null}
        {problem ? <Alert>{problem}</Alert> : null}
        {quizFieldErrors.length === 0 && errors.questions ? <Alert>{errors.questions}</Alert> : null}
        <div className={styles.meta}>
          <TextField label={t('editor.quiz.title')} value={draft.title} maxLength={120} onChange={(event) => update({ title: event.target.value })} error={errors.title} />
          <TextField label={t('editor.quiz.tags')} hint={t('editor.quiz.tagsHint')} value={draft.tags} onChange={(event) => update({ tags: event.target.value })} error={errors.tags} />
          <div className={styles.field}>
            <label htmlFor={`${fieldId}-f1`}>{t('editor.quiz.visibility')}</label>
            <select id={`${fieldId}-f1`} value={draft.visibility} onChange={(event) => update({ visibility: event.target.value as QuizDraft['visibility'] })}>
              <option value="PRIVATE">{t('editor.quiz.private')}</option>
              <option value="PUBLIC">{t('editor.quiz.public')}</option>
            </select>
          </div>
          <div className={`${styles.field} ${styles.wide}`}>
            <label htmlFor={`${fieldId}-f2`}>{t('editor.quiz.description')}</label>
            <textarea id={`${fieldId}-f2`} rows={2} maxLength={1000} value={draft.description} onChange={(event) => update({ description: event.target.value })} />
            {errors.description ? <span role="alert" className={styles.fieldError}>{errors.description}</span> : null}
          </div>
        </div>
        <div className={styles.columns}>
          <aside className={styles.side} aria-label={t('editor.list.label')}>
            <QuestionList
              questions={draft.questions}
              selected={current}
              invalid={(index) => questionErrors(errors, index).length > 0}
              onSelect={setSelected}
              onMove={(from, to) => setQuestions(move(draft.questions, from, to), from === current ? to : current)}
            />
            <Button variant="secondary" block disabled={draft.questions.length >= MAX_QUESTIONS} onClick={() => setQuestions([...draft.questions, newQuestion()], draft.questions.length)}>
              {t('editor.question.add')}
            </Button>
          </aside>
          {question ? (
            <div className={styles.main}>
              <QuestionForm
                key={question.key}
                question={question}
                number={current + 1}
                errors={questionErrors(errors, current)}
                onChange={(changed) => setQuestions(draft.questions.map((q, index) => (index === current ? changed : q)))}
              />
              <div className={styles.questionActions}>
                <Button variant="secondary" onClick={() => setQuestions(move(draft.questions, current, current - 1), current - 1)} disabled={current === 0}>
                  {t('editor.question.up')}
                </Button>
                <Button variant="secondary" onClick={() => setQuestions(move(draft.questions, current, current + 1), current + 1)} disabled={current === draft.questions.length - 1}>
                  {t('editor.question.down')}
                </Button>
                <Button
                  variant="secondary"
                  disabled={draft.questions.length >= MAX_QUESTIONS}
                  onClick={() => setQuestions([...draft.questions.slice(0, current + 1), duplicate(question), ...draft.questions.slice(current + 1)], current + 1)}
                >
                  {t('editor.question.duplicate')}
                </Button>
                <Button variant="danger" onClick={() => window.confirm(t('editor.question.deleteConfirm', { number: current + 1 })) && setQuestions(draft.questions.filter((_, index) => index !== current))}>
                  {t('editor.question.delete')}
                </Button>
              </div>
            </div>
          ) : (
            <p>{t('editor.question.none')}</p>
          )}
        </div>
      </form>
    </HostLayout>
  );
}
