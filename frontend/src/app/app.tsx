import { lazy, Suspense, type ComponentType } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Busy, Screen } from '../components/ui/screen';
import { t } from '../messages/catalogue';
import { ErrorBoundary } from './routes/error-boundary';

/** A route whose code loads when first visited; its module exports `Component`. */
function route(load: () => Promise<{ Component: ComponentType }>) {
  return lazy(() => load().then((module) => ({ default: module.Component })));
}

// Every route is its own chunk, so a phone that joins a game never downloads the host's
// screens (scripts/bundle-budget.mjs checks it). Declarative routes keep react-router's data
// router, which the app does not need, out of the player's entry.
const Home = route(() => import('./routes/home'));
const Join = route(() => import('./routes/join'));
const Play = route(() => import('./routes/play'));
// The host's sentences load with the host's code (src/messages/host-messages.ts).
const Host = route(() => import('../messages/host-messages').then(() => import('./routes/host')));
const NotFound = route(() => import('./routes/not-found'));

function Loading() {
  return (
    <Screen>
      <Busy label={t('app.loading')} />
    </Screen>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <ErrorBoundary>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route index element={<Home />} />
            <Route path="join" element={<Home />} />
            <Route path="join/:pin" element={<Join />} />
            <Route path="play" element={<Play />} />
            <Route path="host/*" element={<Host />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </ErrorBoundary>
    </BrowserRouter>
  );
}
