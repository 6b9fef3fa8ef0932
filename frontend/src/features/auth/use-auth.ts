import { useSyncExternalStore } from 'react';
import { authStore, type AuthSnapshot } from './auth-store';

export function useAuth(): AuthSnapshot {
  return useSyncExternalStore(authStore.subscribe, authStore.getSnapshot);
}
