import { describe, expect, it } from 'vitest';
import { correctShare } from './components/results-page';

const question = { index: 0, type: 'SINGLE_CHOICE' as const, text: 'Q', options: ['a', 'b'], correctOptions: [0], acceptedAnswers: [], answered: 4, correct: 3, averageResponseMs: 1200, distribution: [3, 1] };

describe('correctShare', () => {
  it('is the right answers over the answers given', () => expect(correctShare(question)).toBe(0.75));
  it('has no value when nobody answered or for a poll', () => {
    expect(correctShare({ ...question, answered: 0, correct: 0 })).toBeNull();
    expect(correctShare({ ...question, type: 'POLL' })).toBeNull();
  });
});
