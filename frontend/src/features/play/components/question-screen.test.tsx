import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { QuestionView } from '../../../lib/frames';
import { QuestionScreen } from './question-screen';

function question(overrides: Partial<QuestionView>): QuestionView {
  return { type: 'SINGLE_CHOICE', text: 'Pick', options: ['Red', 'Blue', 'Green'], timeLimitSeconds: 20, points: 1000, ...overrides };
}

function renderQuestion(view: QuestionView, onAnswer = vi.fn(), props: { error?: string | null; sending?: boolean } = {}) {
  render(
    <QuestionScreen
      question={view}
      questionIndex={2}
      questionCount={5}
      secondsLeft={12}
      error={props.error ?? null}
      sending={props.sending ?? false}
      onAnswer={onAnswer}
    />,
  );
  return onAnswer;
}

describe('QuestionScreen', () => {
  it('names every option by letter, shape and text, and answers with one tap', async () => {
    const onAnswer = renderQuestion(question({}));
    expect(screen.getByRole('heading', { name: 'Pick' })).toBeInTheDocument();
    expect(screen.getByText('Question 3 of 5')).toBeInTheDocument();
    expect(screen.getByRole('timer', { name: 'Time left' })).toHaveTextContent('12 s left');
    const options = screen.getAllByRole('button');
    expect(options.map((o) => o.getAttribute('aria-label'))).toEqual(['Answer A (triangle): Red', 'Answer B (diamond): Blue', 'Answer C (circle): Green']);
    await userEvent.click(options[1]!);
    expect(onAnswer).toHaveBeenCalledWith({ options: [1] });
  });

  it('toggles options of a multiple select and submits them in order', async () => {
    const onAnswer = renderQuestion(question({ type: 'MULTIPLE_SELECT' }));
    const submit = screen.getByRole('button', { name: 'Submit answer' });
    expect(submit).toBeDisabled();
    const green = screen.getByRole('button', { name: /Green/ });
    await userEvent.click(green);
    await userEvent.click(screen.getByRole('button', { name: /Red/ }));
    await userEvent.click(screen.getByRole('button', { name: /Blue/ }));
    await userEvent.click(screen.getByRole('button', { name: /Blue/ }));
    expect(green).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: /Blue/ })).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(submit);
    expect(onAnswer).toHaveBeenCalledWith({ options: [0, 2] });
  });

  it('is played with the keyboard alone', async () => {
    const onAnswer = renderQuestion(question({}));
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.keyboard('{Enter}');
    expect(onAnswer).toHaveBeenCalledWith({ options: [1] });
  });

  it('takes a typed answer, trimmed, and refuses an empty or too long one', async () => {
    const onAnswer = renderQuestion(question({ type: 'TYPE_ANSWER', options: [] }));
    const field = screen.getByLabelText('Your answer');
    await userEvent.click(screen.getByRole('button', { name: 'Submit answer' }));
    expect(field).toHaveAccessibleDescription('Type your answer');
    await userEvent.type(field, 'x'.repeat(101));
    await userEvent.click(screen.getByRole('button', { name: 'Submit answer' }));
    expect(field).toHaveAccessibleDescription('At most 100 characters.');
    await userEvent.clear(field);
    await userEvent.type(field, '  Reykjavík {Enter}');
    expect(onAnswer).toHaveBeenCalledTimes(1);
    expect(onAnswer).toHaveBeenCalledWith({ text: 'Reykjavík' });
  });

  it('says a poll has no right answer, and shows the question picture', () => {
    renderQuestion(question({ type: 'POLL', imageUrl: '/api/quizzes/images/abc.png' }));
    expect(screen.getByText('Poll: there is no right or wrong answer')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Picture for this question' })).toHaveAttribute('src', '/api/quizzes/images/abc.png');
  });

  it('locks the options while the answer is on its way, and shows a refusal', () => {
    renderQuestion(question({}), vi.fn(), { sending: true, error: 'Too late: time was up.' });
    expect(screen.getByRole('alert')).toHaveTextContent('Too late: time was up.');
    expect(screen.getByRole('status')).toHaveTextContent('Sending your answer…');
    for (const option of screen.getAllByRole('button')) expect(option).toBeDisabled();
  });
});
