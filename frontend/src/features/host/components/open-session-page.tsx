import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Busy } from '../../../components/ui/screen';
import { apiRequest } from '../../../lib/api-client';
import { t } from '../../../messages/catalogue';
import { openSession, type SessionSettings } from '../api/sessions-api';
import { HostLayout } from './host-layout';
import styles from './host.module.css';

const SETTINGS: { name: keyof SessionSettings; label: 'host.open.randomise' | 'host.open.lateJoin' | 'host.open.autoAdvance'; hint: 'host.open.randomiseHint' | 'host.open.lateJoinHint' | 'host.open.autoAdvanceHint' }[] = [
  { name: 'randomiseOptions', label: 'host.open.randomise', hint: 'host.open.randomiseHint' },
  { name: 'lateJoin', label: 'host.open.lateJoin', hint: 'host.open.lateJoinHint' },
  { name: 'autoAdvance', label: 'host.open.autoAdvance', hint: 'host.open.autoAdvanceHint' },
];

/** `/host/quizzes/{id}/host`: the game's settings, then the lobby. */
export function OpenSessionPage() {
  const { quizId = '' } = useParams();
  const navigate = useNavigate();
  const [settings, setSettings] = useState<SessionSettings>({ randomiseOptions: false, lateJoin: true, autoAdvance: false });
  const quiz = useQuery({
    queryKey: ['quiz', quizId],
    queryFn: () => apiRequest<{ title: string; questions: unknown[] }>(`/api/quizzes/${encodeURIComponent(quizId)}`),
  });
  const open = useMutation({
    mutationFn: () => openSession(quizId, settings),
    onSuccess: (session) => navigate(`/host/sessions/${session.id}`),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    open.mutate();
  }

  if (quiz.isPending) return <Busy label={t('app.loading')} />;
  if (quiz.isError) {
    return (
      <HostLayout title={t('host.open.title')}>
        <Alert>{quiz.error.message}</Alert>
      </HostLayout>
    );
  }
  return (
    <HostLayout title={t('host.open.titleOf', { title: quiz.data.title })}>
      <p>{t('host.open.questions', { count: quiz.data.questions.length })}</p>
      <form onSubmit={submit} className={styles.settings}>
        <fieldset>
          <legend>{t('host.open.settings')}</legend>
          {SETTINGS.map((setting) => (
            <label key={setting.name} className={styles.check}>
              <input
                type="checkbox"
                checked={settings[setting.name]}
                onChange={(event) => setSettings({ ...settings, [setting.name]: event.target.checked })}
              />
              <span>
                <strong>{t(setting.label)}</strong>
                <span className={styles.muted}>{t(setting.hint)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {open.isError ? <Alert>{open.error.message}</Alert> : null}
        <Button type="submit" disabled={open.isPending}>
          {t('host.open.submit')}
        </Button>
      </form>
    </HostLayout>
  );
}
