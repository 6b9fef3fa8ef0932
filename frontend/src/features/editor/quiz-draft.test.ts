import { describe, expect, it } from 'vitest';
import { changeType, duplicate, emptyQuiz, move, newQuestion, normalise, questionErrors, serverFieldErrors, toPayload, validateQuiz, type QuizDraft } from './quiz-draft';

function quiz(changes: Partial<QuizDraft> = {}): QuizDraft {
  const single = newQuestion('SINGLE_CHOICE');
  single.text = 'Capital of France?';
  single.options = [
    { text: 'Paris', correct: true },
    { text: 'Lyon', correct: false },
  ];
  return { ...emptyQuiz(), title: 'Capitals', questions: [single], ...changes };
}

describe('validateQuiz (the rules of docs/quiz-format.md)', () => {
  it('accepts a complete quiz', () => {
    expect(validateQuiz(quiz())).toEqual({});
  });

  it('names each broken rule by the field the server uses', () => {
    const draft = quiz({ title: '  ', tags: 'a, b, A' });
    expect(Object.keys(validateQuiz(draft)).sort()).toEqual(['tags', 'title']);
    expect(Object.keys(validateQuiz(quiz({ tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(',') })))).toEqual(['tags']);
  });

  it('checks the correct answers per type', () => {
    const [question] = quiz().questions;
    const two = { ...question!, options: question!.options.map((option) => ({ ...option, correct: true })) };
    expect(Object.keys(validateQuiz(quiz({ questions: [two] })))).toEqual(['questions[0].options']);
    const multiple = { ...two, type: 'MULTIPLE_SELECT' as const };
    expect(validateQuiz(quiz({ questions: [multiple] }))).toEqual({});
    const none = { ...multiple, options: multiple.options.map((option) => ({ ...option, correct: false })) };
    expect(Object.keys(validateQuiz(quiz({ questions: [none] })))).toEqual(['questions[0].options']);
    const poll = { ...two, type: 'POLL' as const, points: 'NONE' as const };
    expect(Object.keys(validateQuiz(quiz({ questions: [poll] })))).toEqual(['questions[0].options']);
    expect(Object.keys(validateQuiz(quiz({ questions: [{ ...poll, points: 'STANDARD', options: none.options }] })))).toEqual(['questions[0].points']);
  });

  it('refuses options that only differ in case or accents, and too few or too many', () => {
    const [question] = quiz().questions;
    const same = { ...question!, options: [{ text: 'Zürich', correct: true }, { text: 'zurich ', correct: false }] };
    expect(Object.keys(validateQuiz(quiz({ questions: [same] })))).toEqual(['questions[0].options']);
    const one = { ...question!, options: [{ text: 'Paris', correct: true }] };
    expect(Object.keys(validateQuiz(quiz({ questions: [one] })))).toEqual(['questions[0].options']);
    const seven = { ...question!, options: Array.from({ length: 7 }, (_, i) => ({ text: `o${i}`, correct: i === 0 })) };
    expect(Object.keys(validateQuiz(quiz({ questions: [seven] })))).toEqual(['questions[0].options']);
  });

  it('checks accepted answers of type-the-answer questions', () => {
    const typed = { ...changeType(quiz().questions[0]!, 'TYPE_ANSWER'), acceptedAnswers: ['Reykjavík', ' reykjavik'] };
    expect(Object.keys(validateQuiz(quiz({ questions: [typed] })))).toEqual(['questions[0].acceptedAnswers']);
    expect(validateQuiz(quiz({ questions: [{ ...typed, acceptedAnswers: ['Reykjavík'] }] }))).toEqual({});
    expect(Object.keys(validateQuiz(quiz({ questions: [{ ...typed, acceptedAnswers: ['  '] }] })))).toEqual(['questions[0].acceptedAnswers']);
  });

  it('checks text and time limit', () => {
    const [question] = quiz().questions;
    const errors = validateQuiz(quiz({ questions: [{ ...question!, text: ' ', timeLimitSeconds: 4 }] }));
    expect(Object.keys(errors).sort()).toEqual(['questions[0].text', 'questions[0].timeLimitSeconds']);
    expect(questionErrors(errors, 0)).toHaveLength(2);
    expect(questionErrors(errors, 1)).toEqual([]);
  });
});

describe('editing', () => {
  it('changes type keeping what fits', () => {
    const question = quiz().questions[0]!;
    const poll = changeType(question, 'POLL');
    expect(poll.points).toBe('NONE');
    expect(poll.options.map((option) => [option.text, option.correct])).toEqual([['Paris', false], ['Lyon', false]]);
    const single = changeType(poll, 'SINGLE_CHOICE');
    expect(single.points).toBe('STANDARD');
    expect(single.options.filter((option) => option.correct)).toHaveLength(1);
    expect(changeType(question, 'TRUE_FALSE').options).toEqual([{ text: 'True', correct: true }, { text: 'False', correct: false }]);
    expect(changeType(question, 'TYPE_ANSWER')).toMatchObject({ options: [], acceptedAnswers: [''] });
  });

  it('duplicates without the server id and moves questions', () => {
    const question = { ...quiz().questions[0]!, id: 'server-id' };
    const copy = duplicate(question);
    expect(copy.id).toBeUndefined();
    expect(copy.key).not.toBe(question.key);
    expect(move(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(move(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(move(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });

  it('sends what the API takes: no client keys, tags split and trimmed', () => {
    const payload = toPayload(quiz({ tags: ' geo , europe,' }));
    expect(payload.tags).toEqual(['geo', 'europe']);
    expect(payload.questions[0]).not.toHaveProperty('key');
  });

  it('normalises like the server and reads its field names', () => {
    expect(normalise('  REYKJAVÍK ')).toBe('reykjavik');
    expect(normalise('New   York')).toBe('new york');
    expect(serverFieldErrors({ 'quiz.questions[1].options': 'x', title: 'y' })).toEqual({ 'questions[1].options': 'x', title: 'y' });
  });
});
