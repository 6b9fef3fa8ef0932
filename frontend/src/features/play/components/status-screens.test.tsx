import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { QuestionView } from '../../../lib/frames';
import type { QuestionResult, Reveal } from '../../../lib/game-state';
import { AnsweredScreen, FinalScreen, LobbyScreen, RevealScreen } from './status-screens';

const question: QuestionView = { type: 'SINGLE_CHOICE', text: 'Capital?', options: ['Paris', 'Lyon'], timeLimitSeconds: 20, points: 1000 };
const reveal: Reveal = {
  questionIndex: 0,
  questionType: 'SINGLE_CHOICE',
  correctOptions: [0],
  acceptedAnswers: [],
  distribution: [1, 1],
  answerCount: 2,
  correctCount: 1,
  playerCount: 3,
  top: [],
  reason: 'DEADLINE',
};
const result = (overrides: Partial<QuestionResult>): QuestionResult => ({
  questionIndex: 0,
  answered: true,
  correct: true,
  points: 950,
  streak: 2,
  score: 1900,
  rank: 1,
  playerCount: 3,
  ...overrides,
});

describe('the player status screens', () => {
  it('welcomes the player in the lobby', () => {
    render(<LobbyScreen nickname="Ann" playerCount={1} title="Capitals" />);
    expect(screen.getByRole('heading', { name: 'Ann' })).toBeInTheDocument();
    expect(screen.getByText('You’re in!')).toBeInTheDocument();
    expect(screen.getByText('1 player has joined')).toBeInTheDocument();
  });

  it('tells a locked-in answer from one found after a reload', () => {
    const { rerender } = render(
      <AnsweredScreen question={question} questionIndex={0} questionCount={3} secondsLeft={9} answer={{ options: [1], responseMs: 900 }} answeredBefore={false} />,
    );
    expect(screen.getByRole('heading', { name: 'Answer locked in' })).toBeInTheDocument();
    expect(screen.getByText('You answered: B Lyon')).toBeInTheDocument();
    rerender(<AnsweredScreen question={question} questionIndex={0} questionCount={3} secondsLeft={9} answer={null} answeredBefore />);
    expect(screen.getByRole('heading', { name: 'You already answered this question' })).toBeInTheDocument();
  });

  it('shows a right answer with its points, streak, total and rank', () => {
    render(<RevealScreen question={question} reveal={reveal} result={result({})} />);
    expect(screen.getByRole('heading', { name: 'Correct!' })).toBeInTheDocument();
    expect(screen.getByText('+950 points')).toBeInTheDocument();
    expect(screen.getByText('Answer streak: 2')).toBeInTheDocument();
    expect(screen.getByText('Total: 1,900')).toBeInTheDocument();
    expect(screen.getByText('You are #1 of 3')).toBeInTheDocument();
    expect(screen.queryByText(/Right answer/)).not.toBeInTheDocument();
  });

  it('shows the right answer to a wrong one, and says when there was no answer', () => {
    const { rerender } = render(<RevealScreen question={question} reveal={reveal} result={result({ correct: false, points: 0, streak: 0 })} />);
    expect(screen.getByRole('heading', { name: 'Wrong' })).toBeInTheDocument();
    expect(screen.getByText('Right answer: A Paris')).toBeInTheDocument();
    expect(screen.queryByText(/streak/)).not.toBeInTheDocument();
    rerender(<RevealScreen question={question} reveal={reveal} result={result({ answered: false, correct: false, points: 0 })} />);
    expect(screen.getByRole('heading', { name: 'No answer' })).toBeInTheDocument();
  });

  it('has no right or wrong after a poll, and shows the accepted answer of a typed question', () => {
    const { rerender } = render(<RevealScreen question={question} reveal={{ ...reveal, questionType: 'POLL', correctOptions: [] }} result={result({ points: 0 })} />);
    expect(screen.getByRole('heading', { name: 'Thanks for voting' })).toBeInTheDocument();
    expect(screen.queryByText(/Right answer/)).not.toBeInTheDocument();
    rerender(<RevealScreen question={null} reveal={{ ...reveal, questionType: 'TYPE_ANSWER', correctOptions: [], acceptedAnswers: ['reykjavik'] }} result={result({ correct: false })} />);
    expect(screen.getByText('Right answer: reykjavik')).toBeInTheDocument();
  });

  it('gives the final rank on the podium, and a way out once the game ended', () => {
    const { rerender } = render(<FinalScreen final={{ score: 4210, rank: 2, playerCount: 12 }} ended={false} />, { wrapper: MemoryRouter });
    expect(screen.getByRole('heading', { name: 'Game over' })).toBeInTheDocument();
    expect(screen.getByText('You finished #2 of 12')).toBeInTheDocument();
    expect(screen.getByText('4,210 points')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    rerender(<FinalScreen final={null} ended />);
    expect(screen.getByRole('heading', { name: 'The game has ended' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Join another game' })).toHaveAttribute('href', '/');
  });
});
