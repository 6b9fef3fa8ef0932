import type { Messages } from './en';
import { en } from './en';

export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

/**
 * Every language file beside this one (`de.ts` exporting `de`, typed `satisfies Messages`) is
 * picked up here: adding a language is adding a file. The first language the browser prefers
 * that has a file wins, English otherwise.
 */
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
const messages: Messages = catalogues[language] ?? en;
const plurals = new Intl.PluralRules(language);
const numbers = new Intl.NumberFormat(language);

function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

/** The message `key` with its `{params}` filled in. */
export function t(key: MessageKey, params?: MessageParams): string {
  return format(messages[key], params);
}

type PluralBase = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

/** The plural form of `base` (`base.one`, `base.other`) for `count`, with `{count}` filled in. */
export function tPlural(base: PluralBase, count: number, params?: MessageParams): string {
  const form = plurals.select(count);
  const key = (`${base}.${form}` in messages ? `${base}.${form}` : `${base}.other`) as MessageKey;
  return format(messages[key], { count, ...params });
}
