import type { QuestionType } from '../../lib/frames';
import { t } from '../../messages/catalogue';

export type Points = 'STANDARD' | 'DOUBLE' | 'NONE';
export type Visibility = 'PRIVATE' | 'PUBLIC';

export interface OptionDraft {
  text: string;
  correct: boolean;
}

export interface QuestionDraft {
  /** Stable across edits and moves (React keys, drag and drop); never sent. */
  key: string;
  /** The server's id of a saved question, sent back so it keeps it. */
  id?: string;
  type: QuestionType;
  text: string;
  imageUrl: string | null;
  timeLimitSeconds: number;
  points: Points;
  options: OptionDraft[];
  acceptedAnswers: string[];
}

export interface QuizDraft {
  title: string;
  description: string;
  visibility: Visibility;
  /** As typed: comma-separated. */
  tags: string;
  questions: QuestionDraft[];
}

/** The quiz as quiz-service answers it (docs/api/quizzes.md). */
export interface Quiz {
  id: string;
  ownerId: string;
  title: string;
  description: string | null;
  visibility: Visibility;
  tags: string[];
  version: number;
  questions: (Omit<QuestionDraft, 'key' | 'options'> & { id: string; options: { text: string; correct?: boolean }[] })[];
}

export const QUESTION_TYPES: QuestionType[] = ['SINGLE_CHOICE', 'MULTIPLE_SELECT', 'TRUE_FALSE', 'TYPE_ANSWER', 'POLL'];
export const TIME_LIMITS = [5, 10, 20, 30, 45, 60, 90, 120, 180, 240];
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;
export const MAX_ACCEPTED = 10;
export const MAX_QUESTIONS = 100;

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `q${Date.now().toString(36)}${counter}`;
}

const TRUE_FALSE: OptionDraft[] = [
  { text: 'True', correct: true },
  { text: 'False', correct: false },
];

export function newQuestion(type: QuestionType = 'SINGLE_CHOICE'): QuestionDraft {
  return changeType(
    { key: newKey(), type: 'SINGLE_CHOICE', text: '', imageUrl: null, timeLimitSeconds: 20, points: 'STANDARD', options: [], acceptedAnswers: [] },
    type,
  );
}

/**
 * The question as another type, keeping what still fits: option texts carry over between the
 * choice types, a poll loses its correct marks and its points, true/false gets its two options.
 */
export function changeType(question: QuestionDraft, type: QuestionType): QuestionDraft {
  const base = { ...question, type, points: type === 'POLL' ? ('NONE' as const) : question.points === 'NONE' && question.type === 'POLL' ? ('STANDARD' as const) : question.points };
  switch (type) {
    case 'TRUE_FALSE':
      return { ...base, options: TRUE_FALSE.map((option) => ({ ...option })), acceptedAnswers: [] };
    case 'TYPE_ANSWER':
      return { ...base, options: [], acceptedAnswers: question.acceptedAnswers.length > 0 ? question.acceptedAnswers : [''] };
    default: {
      const carried = question.type === 'TRUE_FALSE' || question.type === 'TYPE_ANSWER' ? [] : question.options;
      let options = carried.length >= MIN_OPTIONS ? carried : [...carried, ...Array.from({ length: 4 - carried.length }, () => ({ text: '', correct: false }))];
      if (type === 'POLL') options = options.map((option) => ({ ...option, correct: false }));
      if (type === 'SINGLE_CHOICE') {
        const first = options.findIndex((option) => option.correct);
        options = options.map((option, index) => ({ ...option, correct: index === (first < 0 ? 0 : first) }));
      }
      if (type === 'MULTIPLE_SELECT' && !options.some((option) => option.correct)) options = options.map((option, index) => ({ ...option, correct: index === 0 }));
      return { ...base, options, acceptedAnswers: [] };
    }
  }
}

export function duplicate(question: QuestionDraft): QuestionDraft {
  const { id: _id, ...rest } = question;
  return { ...rest, key: newKey(), options: question.options.map((option) => ({ ...option })), acceptedAnswers: [...question.acceptedAnswers] };
}

export function move<T>(items: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return items;
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function emptyQuiz(): QuizDraft {
  return { title: '', description: '', visibility: 'PRIVATE', tags: '', questions: [newQuestion()] };
}

export function fromQuiz(quiz: Quiz): QuizDraft {
  return {
    title: quiz.title,
    description: quiz.description ?? '',
    visibility: quiz.visibility,
    tags: quiz.tags.join(', '),
    questions: quiz.questions.map((question) => ({
      key: newKey(),
      id: question.id,
      type: question.type,
      text: question.text,
      imageUrl: question.imageUrl ?? null,
      timeLimitSeconds: question.timeLimitSeconds,
      points: question.points,
      options: question.options.map((option) => ({ text: option.text, correct: option.correct ?? false })),
      acceptedAnswers: question.acceptedAnswers ?? [],
    })),
  };
}

export function tagsOf(draft: QuizDraft): string[] {
  return draft.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
}

/** The body of POST /api/quizzes (and, with `version`, of PUT). */
export function toPayload(draft: QuizDraft) {
  return {
    title: draft.title.trim(),
    description: draft.description,
    visibility: draft.visibility,
    tags: tagsOf(draft),
    questions: draft.questions.map(({ key: _key, ...question }) => ({
      ...question,
      text: question.text,
      options: question.type === 'TYPE_ANSWER' ? [] : question.options,
      acceptedAnswers: question.type === 'TYPE_ANSWER' ? question.acceptedAnswers.map((answer) => answer.trim()) : [],
    })),
  };
}

/** The server's AnswerText.normalise (docs/quiz-format.md): accents, case and spacing do not count. */
export function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const length = (text: string) => [...text].length;

/** Field (as the server names it, e.g. `questions[1].options`) → what is wrong there. */
export type FieldErrors = Record<string, string>;

/** The rules of docs/quiz-format.md, checked before saving; the server checks them again. */
export function validateQuiz(draft: QuizDraft): FieldErrors {
  const errors: FieldErrors = {};
  const title = draft.title.trim();
  if (length(title) < 1) errors.title = t('editor.error.titleEmpty');
  else if (length(title) > 120) errors.title = t('editor.error.titleLong');
  else if (CONTROL.test(title)) errors.title = t('editor.error.titleControl');
  if (length(draft.description) > 1000) errors.description = t('editor.error.descriptionLong');
  const tags = tagsOf(draft);
  if (tags.length > 10) errors.tags = t('editor.error.tagsMany');
  else if (tags.some((tag) => length(tag) > 30)) errors.tags = t('editor.error.tagLong');
  else if (new Set(tags.map((tag) => tag.toLowerCase())).size !== tags.length) errors.tags = t('editor.error.tagRepeat');
  if (draft.questions.length > MAX_QUESTIONS) errors.questions = t('editor.error.questionsMany');
  draft.questions.forEach((question, index) => Object.assign(errors, validateQuestion(question, `questions[${index}]`)));
  return errors;
}

export function validateQuestion(question: QuestionDraft, at: string): FieldErrors {
  const errors: FieldErrors = {};
  const text = question.text.trim();
  if (length(text) < 1) errors[`${at}.text`] = t('editor.error.textEmpty');
  else if (length(question.text) > 500) errors[`${at}.text`] = t('editor.error.textLong');
  if (!Number.isInteger(question.timeLimitSeconds) || question.timeLimitSeconds < 5 || question.timeLimitSeconds > 240) {
    errors[`${at}.timeLimitSeconds`] = t('editor.error.timeLimit');
  }
  if (question.type === 'POLL' && question.points !== 'NONE') errors[`${at}.points`] = t('editor.error.pollPoints');
  if (question.type === 'TYPE_ANSWER') {
    const answers = question.acceptedAnswers.map((answer) => answer.trim());
    if (answers.length < 1 || answers.length > MAX_ACCEPTED) errors[`${at}.acceptedAnswers`] = t('editor.error.acceptedCount');
    else if (answers.some((answer) => length(answer) < 1 || normalise(answer) === '')) errors[`${at}.acceptedAnswers`] = t('editor.error.acceptedEmpty');
    else if (answers.some((answer) => length(answer) > 100)) errors[`${at}.acceptedAnswers`] = t('editor.error.acceptedLong');
    else if (new Set(answers.map(normalise)).size !== answers.length) errors[`${at}.acceptedAnswers`] = t('editor.error.acceptedRepeat');
    return errors;
  }
  const options = question.options;
  const texts = options.map((option) => option.text.trim());
  if (texts.some((text) => length(text) < 1)) errors[`${at}.options`] = t('editor.error.optionEmpty');
  else if (texts.some((text) => length(text) > 120)) errors[`${at}.options`] = t('editor.error.optionLong');
  else if (new Set(texts.map(normalise)).size !== texts.length) errors[`${at}.options`] = t('editor.error.optionRepeat');
  else if (options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) errors[`${at}.options`] = t('editor.error.optionCount');
  else {
    const correct = options.filter((option) => option.correct).length;
    if ((question.type === 'SINGLE_CHOICE' || question.type === 'TRUE_FALSE') && correct !== 1) errors[`${at}.options`] = t('editor.error.exactlyOne');
    if (question.type === 'MULTIPLE_SELECT' && correct < 1) errors[`${at}.options`] = t('editor.error.atLeastOne');
    if (question.type === 'POLL' && correct > 0) errors[`${at}.options`] = t('editor.error.pollCorrect');
  }
  return errors;
}

/** The errors of question `index` (its fields, or any deeper path such as `questions[2].options[1].text`). */
export function questionErrors(errors: FieldErrors, index: number): string[] {
  const prefix = `questions[${index}]`;
  return Object.entries(errors)
    .filter(([field]) => field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`))
    .map(([, message]) => message);
}

/** The server's field errors with `quiz.` (the import file's envelope) taken off. */
export function serverFieldErrors(fields: Readonly<Record<string, string>>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, message] of Object.entries(fields)) errors[field.replace(/^quiz\./, '')] = message;
  return errors;
}
