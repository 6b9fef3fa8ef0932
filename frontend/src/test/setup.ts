import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
// Component tests render host screens without the route that loads their sentences.
import '../messages/host-messages';

afterEach(() => {
  cleanup();
  if (typeof window !== 'undefined') {
    sessionStorage.clear();
    localStorage.clear();
  }
});
