import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';

/**
 * The app's one query cache. Each route's module wraps its screen in <QueryProvider>, rather
 * than the root doing it, so TanStack Query loads with the first route that needs it and stays
 * out of the entry chunk the player's budget counts; the cache is shared across routes.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A problem the server stated (4xx) will not change by asking again.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
