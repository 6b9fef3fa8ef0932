import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authStore } from '../auth-store';
import { AccountMenu } from './account-menu';

const user = { id: 'u1', email: 'ann@example.com', displayName: 'Ann' };

function renderMenu() {
  render(
    <MemoryRouter initialEntries={['/host']}>
      <Routes>
        <Route path="/host" element={<AccountMenu />} />
        <Route path="/host/sign-in" element={<h1>Sign-in page</h1>} />
      </Routes>
    </MemoryRouter>,
  );
}

// jsdom has <dialog> without its modal part; the browser tests use the real one.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
}

beforeEach(() => authStore.accept({ accessToken: 'access-1', tokenType: 'Bearer', expiresIn: 900, user }));
afterEach(() => {
  authStore.clear();
  vi.unstubAllGlobals();
});

describe('AccountMenu', () => {
  it('opens on the host’s name and offers sign out and sign out everywhere', async () => {
    renderMenu();
    const toggle = screen.getByRole('button', { name: 'Account of Ann' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: 'Sign out everywhere' })).not.toBeInTheDocument();

    await userEvent.click(toggle);

    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('ann@example.com')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Sign out everywhere' })).toBeVisible();
  });

  it('asks before signing out everywhere, and a cancel sends nothing', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderMenu();
    await userEvent.click(screen.getByRole('button', { name: 'Account of Ann' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));

    expect(screen.getByRole('heading', { name: 'Sign out everywhere?' })).toBeInTheDocument();
    expect(screen.getByText(/within 15 minutes at the most/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('heading', { name: 'Sign out everywhere?' })).not.toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
    expect(authStore.getSnapshot().user).toEqual(user);
  });

  it('on confirmation revokes every sign-in with the access token, forgets the host and goes to sign-in', async () => {
    const fetch = vi.fn().mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetch);
    renderMenu();
    await userEvent.click(screen.getByRole('button', { name: 'Account of Ann' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));

    expect(await screen.findByRole('heading', { name: 'Sign-in page' })).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/auth/logout-all');
    expect(init.method).toBe('POST');
    expect(init.headers.Authorization).toBe('Bearer access-1');
    expect(authStore.accessToken).toBeNull();
    expect(authStore.getSnapshot().user).toBeNull();
  });

  it('shows a refusal as a sentence and keeps the host signed in here', async () => {
    const refusal = { type: 'https://vanguard.dev/problems/cross-site-request', status: 403, detail: 'This request came from another site.' };
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(new Response(JSON.stringify(refusal), { status: 403, headers: { 'Content-Type': 'application/problem+json' } })),
    );
    renderMenu();
    await userEvent.click(screen.getByRole('button', { name: 'Account of Ann' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign out everywhere' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This request came from another site.');
    expect(authStore.getSnapshot().user).toEqual(user);
    expect(screen.getByRole('button', { name: 'Sign out everywhere' })).toBeEnabled();
  });
});
