import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Busy } from '../../../components/ui/screen';
import { t } from '../../../messages/catalogue';
import { authStore } from '../auth-store';
import { useAuth } from '../use-auth';

/**
 * Shows `children` to a signed-in host. After a reload the refresh cookie is tried once; a
 * refused refresh sends the host to sign-in, keeping the page they were on to come back to.
 */
export function RequireHost({ children }: { children: ReactNode }) {
  const { user, restoring } = useAuth();
  const location = useLocation();
  useEffect(() => {
    if (restoring) void authStore.refresh();
  }, [restoring]);
  if (user) return children;
  if (restoring) return <Busy label={t('auth.restoring')} />;
  const next = `${location.pathname}${location.search}`;
  return <Navigate to={`/host/sign-in?next=${encodeURIComponent(next)}`} replace />;
}

/** Where to go after signing in: the page kept by RequireHost, if it is one of ours. */
export function nextPage(search: URLSearchParams): string {
  const next = search.get('next');
  return next && next.startsWith('/host') && !next.startsWith('//') ? next : '/host';
}
