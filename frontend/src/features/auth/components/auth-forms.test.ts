import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { registrationErrors } from './register-page';
import { signInError } from './sign-in-page';

describe('sign-in errors', () => {
  it('says how long to wait when sign-in is rate limited', () => {
    const error = new ApiError(429, { type: 'https://vanguard.dev/problems/too-many-attempts', status: 429 }, 42);
    expect(signInError(error)).toBe('Too many failed sign-ins. Wait 42 s and try again.');
  });
  it('says the e-mail and password do not match, whichever was wrong', () => {
    expect(signInError(new ApiError(401, { type: 'https://vanguard.dev/problems/bad-credentials' }, null))).toBe(
      'That e-mail and password do not match an account.',
    );
  });
});

describe('registration checks', () => {
  it('checks what a browser can before asking the server', () => {
    expect(registrationErrors({ email: 'ann@example.com', displayName: 'Ann', password: 'long enough pass' })).toEqual({});
    expect(Object.keys(registrationErrors({ email: 'ann', displayName: ' ', password: 'short' })).sort()).toEqual(['displayName', 'email', 'password']);
  });
});
