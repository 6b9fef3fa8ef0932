import type { Messages } from './en';
import { en } from './en';
import type { enHost } from './en-host';

/**
 * The app's sentences come in two parts per language: `en.ts` (what every screen and the
 * player's phone need, in the entry) and `en-host.ts` (the host's screens, loaded with the
 * host's routes by host-messages.ts, so a phone never downloads them). Adding a language is
 * adding its files beside these (`de.ts` exporting `de`, `de-host.ts` exporting `deHost`).
 */
export type MessageKey = keyof typeof en | keyof typeof enHost;
export type MessageParams = Record<string, string | number>;

const modules = import.meta.glob<Record<string, Messages>>('./[a-z][a-z].ts', { eager: true });
const catalogues: Record<string, Messages> = { en };
for (const [path, module] of Object.entries(modules)) {
  const code = path.slice(2, 4);
  const messages = module[code];
  if (messages) catalogues[code] = messages;
}

function pickLanguage(): string {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const language = tag?.toLowerCase().split('-')[0];
    if (language && language in catalogues) return language;
  }
  return 'en';
}

export const language = pickLanguage();
const messages: Record<string, string> = { ...(catalogues[language] ?? en) };
const plurals = new Intl.PluralRules(language);
const numbers = new Intl.NumberFormat(language);

/** Adds a part loaded later (by language code), in the chosen language or else English. */
export function addMessages(parts: Record<string, Record<string, string> | undefined>): void {
  Object.assign(messages, parts.en, parts[language]);
}

function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

/** The message `key` with its `{params}` filled in (the key itself if its part is not loaded). */
export function t(key: MessageKey, params?: MessageParams): string {
  return format(messages[key] ?? key, params);
}

type PluralBase = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

/** The plural form of `base` (`base.one`, `base.other`) for `count`, with `{count}` filled in. */
export function tPlural(base: PluralBase, count: number, params?: MessageParams): string {
  const form = plurals.select(count);
  const key = (`${base}.${form}` in messages ? `${base}.${form}` : `${base}.other`) as MessageKey;
  return format(messages[key] ?? key, { count, ...params });
}
