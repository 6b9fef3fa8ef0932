import { apiRequest } from '../../../lib/api-client';
import { toPayload, type Quiz, type QuizDraft } from '../quiz-draft';

export function getQuiz(id: string): Promise<Quiz> {
  return apiRequest(`/api/quizzes/${encodeURIComponent(id)}`);
}

export function createQuiz(draft: QuizDraft): Promise<Quiz> {
  return apiRequest('/api/quizzes', { method: 'POST', body: toPayload(draft) });
}

/** Saves over `version`; a 409 `version-conflict` means someone saved since it was loaded. */
export function updateQuiz(id: string, version: number, draft: QuizDraft): Promise<Quiz> {
  return apiRequest(`/api/quizzes/${encodeURIComponent(id)}`, { method: 'PUT', body: { ...toPayload(draft), version } });
}

export interface UploadedImage {
  url: string;
  contentType: string;
  size: number;
}

export function uploadImage(file: File): Promise<UploadedImage> {
  const form = new FormData();
  form.append('file', file);
  return apiRequest('/api/quizzes/images', { method: 'POST', body: form });
}
