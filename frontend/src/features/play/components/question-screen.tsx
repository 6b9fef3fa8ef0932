import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { OptionShape, optionLetter, optionName } from '../../../components/ui/option-shape';
import { TextField } from '../../../components/ui/text-field';
import type { QuestionView } from '../../../lib/frames';
import { t } from '../../../messages/catalogue';
import styles from './play.module.css';

export const TYPED_ANSWER_MAX_LENGTH = 100;

export type Answer = { options: number[] } | { text: string };

interface QuestionScreenProps {
  question: QuestionView;
  questionIndex: number;
  questionCount: number;
  secondsLeft: number | null;
  /** A refusal of the last answer, in words. */
  error: string | null;
  sending: boolean;
  onAnswer: (answer: Answer) => void;
}

function instruction(question: QuestionView): string {
  switch (question.type) {
    case 'MULTIPLE_SELECT':
      return t('play.question.chooseMany');
    case 'TYPE_ANSWER':
      return t('play.question.typeAnswer');
    case 'POLL':
      return t('play.question.poll');
    default:
      return t('play.question.chooseOne');
  }
}

export function QuestionHeader({ questionIndex, questionCount, secondsLeft }: Pick<QuestionScreenProps, 'questionIndex' | 'questionCount' | 'secondsLeft'>) {
  return (
    <div className={styles.header}>
      <span>{t('play.question.progress', { number: questionIndex + 1, count: questionCount })}</span>
      {secondsLeft !== null ? (
        <span
          className={[styles.timer, secondsLeft <= 5 ? styles.timerLow : ''].join(' ')}
          role="timer"
          aria-label={t('play.question.timeLeftLabel')}
        >
          <span aria-hidden="true">{secondsLeft}</span>
          <span className="visually-hidden">{t('play.question.timeLeft', { seconds: secondsLeft })}</span>
        </span>
      ) : null}
    </div>
  );
}

export function QuestionScreen(props: QuestionScreenProps) {
  const { question, error, sending, onAnswer } = props;
  const [selected, setSelected] = useState<number[]>([]);
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | null>(null);
  const multiple = question.type === 'MULTIPLE_SELECT';

  function choose(index: number) {
    if (sending) return;
    if (multiple) {
      setSelected((current) => (current.includes(index) ? current.filter((i) => i !== index) : [...current, index].sort((a, b) => a - b)));
    } else {
      onAnswer({ options: [index] });
    }
  }

  function submitText(event: FormEvent) {
    event.preventDefault();
    const answer = text.trim();
    if (answer.length === 0) {
      setTextError(t('play.question.typeAnswer'));
      return;
    }
    if ([...answer].length > TYPED_ANSWER_MAX_LENGTH) {
      setTextError(t('play.question.answerTooLong'));
      return;
    }
    setTextError(null);
    onAnswer({ text: answer });
  }

  return (
    <>
      <QuestionHeader {...props} />
      <h1 className={styles.questionText}>{question.text}</h1>
      {question.imageUrl ? <img className={styles.image} src={question.imageUrl} alt={t('play.question.image')} /> : null}
      <p className={styles.instruction}>{instruction(question)}</p>
      {error ? <Alert>{error}</Alert> : null}
      {sending ? <Alert tone="info">{t('play.answer.sending')}</Alert> : null}
      {question.type === 'TYPE_ANSWER' ? (
        <form onSubmit={submitText} noValidate>
          <TextField
            label={t('play.question.answerLabel')}
            name="answer"
            autoComplete="off"
            autoCapitalize="off"
            enterKeyHint="send"
            maxLength={TYPED_ANSWER_MAX_LENGTH * 2}
            value={text}
            error={textError}
            onChange={(event) => setText(event.target.value)}
          />
          <Button type="submit" block disabled={sending}>
            {t('play.question.submit')}
          </Button>
        </form>
      ) : (
        <>
          <ul className={styles.options} aria-label={instruction(question)}>
            {question.options.map((option, index) => (
              <li key={index}>
                <button
                  type="button"
                  className={[styles.option, styles[`o${index}`]].join(' ')}
                  aria-pressed={multiple ? selected.includes(index) : undefined}
                  aria-label={`${optionName(index)}: ${option}`}
                  disabled={sending}
                  onClick={() => choose(index)}
                >
                  <span className={styles.optionMark} aria-hidden="true">
                    <OptionShape index={index} />
                    <span className={styles.letter}>{optionLetter(index)}</span>
                  </span>
                  <span className={styles.optionText} aria-hidden="true">
                    {option}
                  </span>
                  {multiple && selected.includes(index) ? (
                    <span className={styles.check} aria-hidden="true">
                      ✓
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
          {multiple ? (
            <Button block disabled={selected.length === 0 || sending} onClick={() => onAnswer({ options: selected })}>
              {t('play.question.submit')}
            </Button>
          ) : null}
        </>
      )}
    </>
  );
}
