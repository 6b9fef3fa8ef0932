import { apiRequest } from '../../../lib/api-client';
import type { QuestionType, SessionStatus } from '../../../lib/frames';
import type { Page } from '../../library/api/quizzes-api';

export interface SessionSummary {
  id: string;
  pin: string;
  status: SessionStatus;
  quizTitle: string;
  questionCount: number;
  playerCount: number;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

export interface Results {
  sessionId: string;
  quizTitle: string;
  createdAt: string;
  endedAt: string;
  /** The game's live state was lost while it ran: answers to the question then open may be missing. */
  liveStateLost: boolean;
  standings: { rank: number; playerId: string; nickname: string; totalScore: number; correctCount: number; answeredCount: number }[];
  questions: {
    index: number;
    type: QuestionType;
    text: string;
    options: string[];
    correctOptions: number[];
    acceptedAnswers: string[];
    answered: number;
    correct: number;
    averageResponseMs: number | null;
    distribution: number[];
  }[];
}

export function listSessions(page: number, size: number): Promise<Page<SessionSummary>> {
  return apiRequest(`/api/sessions?page=${page}&size=${size}`);
}

export function getResults(sessionId: string): Promise<Results> {
  return apiRequest(`/api/sessions/${encodeURIComponent(sessionId)}/results`);
}

/** The CSV needs the host's bearer token, so it is fetched and handed to the browser as a file. */
export async function downloadResultsCsv(sessionId: string, fileName: string): Promise<void> {
  const csv = await apiRequest<string>(`/api/sessions/${encodeURIComponent(sessionId)}/results.csv`, { headers: { Accept: 'text/csv, application/problem+json' } });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
