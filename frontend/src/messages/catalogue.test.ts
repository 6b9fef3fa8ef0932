import { describe, expect, it } from 'vitest';
import { en } from './en';
import { enHost } from './en-host';
import { t, tPlural } from './catalogue';

const languageFiles = import.meta.glob<Record<string, Record<string, string>>>('./[a-z][a-z].ts', { eager: true });
const hostFiles = import.meta.glob<Record<string, Record<string, string>>>('./[a-z][a-z]-host.ts', { eager: true });

describe('the message catalogue', () => {
  it('fills in parameters, numbers in the language’s format', () => {
    expect(t('play.final.rank', { rank: 2, count: 1500 })).toBe('You finished #2 of 1,500');
    expect(t('join.nickname.game', { title: 'Capitals' })).toBe('Joining “Capitals”');
  });

  it('picks the plural form by count', () => {
    expect(tPlural('play.lobby.count', 1)).toBe('1 player has joined');
    expect(tPlural('play.lobby.count', 3)).toBe('3 players have joined');
  });

  it('has every English key in every language file, and only those', () => {
    expect(Object.keys(languageFiles)).toContain('./en.ts');
    for (const [path, module] of Object.entries(languageFiles)) {
      const messages = module[path.slice(2, 4)];
      expect(messages, `${path} exports its catalogue named after its language`).toBeDefined();
      expect(Object.keys(messages!).sort(), path).toEqual(Object.keys(en).sort());
    }
    for (const [path, module] of Object.entries(hostFiles)) {
      const messages = module[`${path.slice(2, 4)}Host`];
      expect(messages, `${path} exports its catalogue as {language}Host`).toBeDefined();
      expect(Object.keys(messages!).sort(), path).toEqual(Object.keys(enHost).sort());
    }
  });

  it('keeps the two parts apart: no key in both', () => {
    expect(Object.keys(en).filter((key) => key in enHost)).toEqual([]);
  });

  it('answers a host sentence once the host part is loaded (the test setup loads it)', () => {
    expect(t('auth.signIn.title')).toBe(enHost['auth.signIn.title']);
  });
});
