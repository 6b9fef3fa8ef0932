import { Route, Routes, useParams } from 'react-router';
import { RegisterPage } from '../../features/auth/components/register-page';
import { RequireHost } from '../../features/auth/components/require-host';
import { EditorPage } from '../../features/editor/components/editor-page';
import { SignInPage } from '../../features/auth/components/sign-in-page';
import { HostGame } from '../../features/host/components/host-game';
import { OpenSessionPage } from '../../features/host/components/open-session-page';
import { LibraryPage } from '../../features/library/components/library-page';
import { ResultsPage } from '../../features/results/components/results-page';
import { SessionsPage } from '../../features/results/components/sessions-page';
import { QueryProvider } from '../query-client';
import { Component as NotFound } from './not-found';

function Game() {
  const { sessionId = '' } = useParams();
  return <HostGame key={sessionId} sessionId={sessionId} />;
}

/** `/host/*`: the host's app, one lazy chunk the player's phone never loads. */
export function Component() {
  return (
    <QueryProvider>
      <Routes>
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route index element={<RequireHost><LibraryPage /></RequireHost>} />
        <Route path="quizzes/new" element={<RequireHost><EditorPage /></RequireHost>} />
        <Route path="quizzes/:quizId/edit" element={<RequireHost><EditorPage /></RequireHost>} />
        <Route path="quizzes/:quizId/host" element={<RequireHost><OpenSessionPage /></RequireHost>} />
        <Route path="sessions" element={<RequireHost><SessionsPage /></RequireHost>} />
        <Route path="sessions/:sessionId/results" element={<RequireHost><ResultsPage /></RequireHost>} />
        <Route path="sessions/:sessionId" element={<RequireHost><Game /></RequireHost>} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </QueryProvider>
  );
}
