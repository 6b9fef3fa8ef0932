import { addMessages } from './catalogue';

/**
 * Loads the host's part of the catalogue (`en-host.ts` and its translations). Imported before
 * the host's routes, so its strings travel in the host's chunk, not in the player's entry.
 */
const modules = import.meta.glob<Record<string, Record<string, string>>>('./[a-z][a-z]-host.ts', { eager: true });
const parts: Record<string, Record<string, string> | undefined> = {};
for (const [path, module] of Object.entries(modules)) {
  const code = path.slice(2, 4);
  parts[code] = module[`${code}Host`];
}
addMessages(parts);
