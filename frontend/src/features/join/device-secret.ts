const KEY = 'vanguard.device-secret';

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * 32 random bytes made once per browser and sent with every join, so that a kick holds for
 * this device in that session, whatever nickname it tries next.
 */
export function deviceSecret(): string {
  const existing = localStorage.getItem(KEY);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const secret = base64url(crypto.getRandomValues(new Uint8Array(32)));
  localStorage.setItem(KEY, secret);
  return secret;
}
