import { apiRequest } from '../../../lib/api-client';
import { authStore, type HostUser, type TokenResponse } from '../auth-store';

export async function signIn(email: string, password: string): Promise<HostUser> {
  const response = await apiRequest<TokenResponse>('/api/auth/login', { method: 'POST', body: { email, password }, auth: false });
  authStore.accept(response);
  return response.user;
}

export async function register(email: string, password: string, displayName: string): Promise<HostUser> {
  await apiRequest('/api/auth/register', { method: 'POST', body: { email, password, displayName }, auth: false });
  return signIn(email, password);
}

/** Revokes this sign-in's refresh tokens and clears the cookie; the tab forgets the host either way. */
export async function signOut(): Promise<void> {
  try {
    await apiRequest('/api/auth/logout', { method: 'POST', auth: false });
  } finally {
    authStore.clear();
  }
}

/**
 * Ends every sign-in of this host, on every device (`POST /api/auth/logout-all`): the others
 * are refused at their next refresh. The tab forgets the host only once the server agreed, so
 * a refusal can be shown and tried again.
 */
export async function signOutEverywhere(): Promise<void> {
  await apiRequest('/api/auth/logout-all', { method: 'POST' });
  authStore.clear();
}
