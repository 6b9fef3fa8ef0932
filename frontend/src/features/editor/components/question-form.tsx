import { useId, useState, type ChangeEvent } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import cardStyles from '../../../components/ui/card.module.css';
import { OptionShape, optionLetter, optionName } from '../../../components/ui/option-shape';
import type { QuestionType } from '../../../lib/frames';
import { t, type MessageKey } from '../../../messages/catalogue';
import { uploadImage } from '../api/editor-api';
import { MAX_ACCEPTED, MAX_OPTIONS, MIN_OPTIONS, QUESTION_TYPES, TIME_LIMITS, changeType, type Points, type QuestionDraft } from '../quiz-draft';
import styles from './editor.module.css';

const POINTS: Points[] = ['STANDARD', 'DOUBLE', 'NONE'];

interface Props {
  question: QuestionDraft;
  number: number;
  errors: string[];
  onChange: (question: QuestionDraft) => void;
}

/** Everything about one question: type, text, picture, time, points, options or accepted answers. */
export function QuestionForm({ question, number, errors, onChange }: Props) {
  const id = useId();
  const [uploading, setUploading] = useState(false);
  const [imageProblem, setImageProblem] = useState<string | null>(null);
  const set = (changes: Partial<QuestionDraft>) => onChange({ ...question, ...changes });
  const setOption = (index: number, changes: Partial<QuestionDraft['options'][number]>) =>
    set({ options: question.options.map((option, i) => (i === index ? { ...option, ...changes } : option)) });
  const markCorrect = (index: number, correct: boolean) =>
    set({
      options: question.options.map((option, i) =>
        question.type === 'MULTIPLE_SELECT' ? (i === index ? { ...option, correct } : option) : { ...option, correct: i === index },
      ),
    });

  async function onImage(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setUploading(true);
    setImageProblem(null);
    try {
      const image = await uploadImage(file);
      set({ imageUrl: image.url });
    } catch (error) {
      setImageProblem(error instanceof Error ? error.message : t('problem.unknown'));
    } finally {
      setUploading(false);
    }
  }

  const choice = question.type !== 'TYPE_ANSWER';
  const fixedOptions = question.type === 'TRUE_FALSE';
  return (
    <section className={`${cardStyles.card} ${styles.form}`} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('editor.question.heading', { number })}</h2>
      {errors.length > 0 ? (
        <div role="alert" className={styles.errors}>
          <ul>
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className={styles.row}>
        <div className={styles.field}>
          <label htmlFor={`${id}-f1`}>{t('editor.question.type')}</label>
          <select id={`${id}-f1`} value={question.type} onChange={(event) => onChange(changeType(question, event.target.value as QuestionType))}>
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`editor.type.${type}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor={`${id}-f2`}>{t('editor.question.timeLimit')}</label>
          <select id={`${id}-f2`} value={question.timeLimitSeconds} onChange={(event) => set({ timeLimitSeconds: Number(event.target.value) })}>
            {[...new Set([...TIME_LIMITS, question.timeLimitSeconds])]
              .sort((a, b) => a - b)
              .map((seconds) => (
                <option key={seconds} value={seconds}>
                  {t('editor.question.seconds', { seconds })}
                </option>
              ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor={`${id}-f3`}>{t('editor.question.points')}</label>
          <select id={`${id}-f3`} value={question.points} disabled={question.type === 'POLL'} onChange={(event) => set({ points: event.target.value as Points })}>
            {POINTS.map((points) => (
              <option key={points} value={points}>
                {t(`editor.points.${points}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-f4`}>{t('editor.question.text')}</label>
        <textarea id={`${id}-f4`} rows={2} maxLength={500} value={question.text} onChange={(event) => set({ text: event.target.value })} />
      </div>

      <div className={styles.image}>
        {question.imageUrl ? <img src={question.imageUrl} alt={t('editor.question.imagePreview')} /> : null}
        <div className={styles.imageActions}>
          <label className={styles.fileButton}>
            {question.imageUrl ? t('editor.question.replaceImage') : t('editor.question.addImage')}
            <input type="file" accept="image/png,image/jpeg,image/webp,image/gif" onChange={(event) => void onImage(event)} disabled={uploading} />
          </label>
          {question.imageUrl ? (
            <Button variant="secondary" onClick={() => set({ imageUrl: null })}>
              {t('editor.question.removeImage')}
            </Button>
          ) : null}
          {uploading ? <span role="status">{t('editor.question.uploading')}</span> : null}
        </div>
        {imageProblem ? <Alert>{t('editor.question.imageRefused', { reason: imageProblem })}</Alert> : null}
      </div>

      {choice ? (
        <fieldset className={styles.options}>
          <legend>{question.type === 'POLL' ? t('editor.options.poll') : question.type === 'MULTIPLE_SELECT' ? t('editor.options.many') : t('editor.options.one')}</legend>
          {question.options.map((option, index) => (
            <div key={index} className={styles.option} data-option={index % 6}>
              <span className={styles.optionBadge} aria-hidden="true">
                <OptionShape index={index} />
                {optionLetter(index)}
              </span>
              <input
                className={styles.optionText}
                aria-label={t('editor.options.text', { name: optionName(index) })}
                value={option.text}
                maxLength={120}
                readOnly={fixedOptions}
                onChange={(event) => setOption(index, { text: event.target.value })}
              />
              {question.type === 'POLL' ? null : (
                <label className={styles.correct}>
                  <input
                    type={question.type === 'MULTIPLE_SELECT' ? 'checkbox' : 'radio'}
                    name={`${id}-correct`}
                    checked={option.correct}
                    onChange={(event) => markCorrect(index, event.target.checked)}
                  />
                  <span>{t('editor.options.correct')}</span>
                  <span className="visually-hidden">{optionName(index)}</span>
                </label>
              )}
              {fixedOptions ? null : (
                <Button
                  variant="secondary"
                  className={styles.small}
                  disabled={question.options.length <= MIN_OPTIONS}
                  onClick={() => set({ options: question.options.filter((_, i) => i !== index) })}
                  aria-label={t('editor.options.remove', { name: optionName(index) })}
                >
                  ×
                </Button>
              )}
            </div>
          ))}
          {fixedOptions || question.options.length >= MAX_OPTIONS ? null : (
            <Button variant="secondary" onClick={() => set({ options: [...question.options, { text: '', correct: false }] })}>
              {t('editor.options.add')}
            </Button>
          )}
        </fieldset>
      ) : (
        <fieldset className={styles.options}>
          <legend>{t('editor.accepted.legend')}</legend>
          <p className={styles.hint}>{t('editor.accepted.hint')}</p>
          {question.acceptedAnswers.map((answer, index) => (
            <div key={index} className={styles.option}>
              <input
                className={styles.optionText}
                aria-label={t('editor.accepted.answer', { number: index + 1 })}
                value={answer}
                maxLength={100}
                onChange={(event) => set({ acceptedAnswers: question.acceptedAnswers.map((a, i) => (i === index ? event.target.value : a)) })}
              />
              <Button
                variant="secondary"
                className={styles.small}
                disabled={question.acceptedAnswers.length <= 1}
                onClick={() => set({ acceptedAnswers: question.acceptedAnswers.filter((_, i) => i !== index) })}
                aria-label={t('editor.accepted.remove', { number: index + 1 })}
              >
                ×
              </Button>
            </div>
          ))}
          {question.acceptedAnswers.length >= MAX_ACCEPTED ? null : (
            <Button variant="secondary" onClick={() => set({ acceptedAnswers: [...question.acceptedAnswers, ''] })}>
              {t('editor.accepted.add')}
            </Button>
          )}
        </fieldset>
      )}
    </section>
  );
}
