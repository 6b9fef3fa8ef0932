import { apiRequest } from '../../../lib/api-client';

export interface QuizSummary {
  id: string;
  ownerId: string;
  title: string;
  description: string | null;
  visibility: 'PRIVATE' | 'PUBLIC';
  tags: string[];
  questionCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  totalItems: number;
  totalPages: number;
}

export interface QuizQuery {
  scope: 'mine' | 'public';
  q: string;
  tags: string[];
  page: number;
  size: number;
}

export function listQuizzes(query: QuizQuery): Promise<Page<QuizSummary>> {
  const params = new URLSearchParams();
  params.set(query.scope, 'true');
  if (query.q.trim()) params.set('q', query.q.trim());
  for (const tag of query.tags) params.append('tag', tag);
  params.set('page', String(query.page));
  params.set('size', String(query.size));
  return apiRequest(`/api/quizzes?${params.toString()}`);
}

export function copyQuiz(id: string): Promise<QuizSummary> {
  return apiRequest(`/api/quizzes/${encodeURIComponent(id)}/copy`, { method: 'POST' });
}

export function deleteQuiz(id: string): Promise<void> {
  return apiRequest(`/api/quizzes/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** The quiz file of docs/quiz-format.md, as the server exports it. */
export function exportQuiz(id: string): Promise<unknown> {
  return apiRequest(`/api/quizzes/${encodeURIComponent(id)}/export`);
}

export function importQuiz(file: unknown): Promise<QuizSummary> {
  return apiRequest('/api/quizzes/import', { method: 'POST', body: file });
}
