// The player's JavaScript budget, gzipped. The entry (index.html's script and what it imports
// statically) is what every phone downloads before the first screen; the player's path adds
// the lazy chunks of the routes a player visits (/, /join/{pin}, /play). Prints every chunk
// and fails when either total passes its budget, or when host code is on the player's path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ENTRY_BUDGET_KIB = 90;
const PLAYER_PATH_BUDGET_KIB = 115;
const PLAYER_ROUTES = ['src/app/routes/home.tsx', 'src/app/routes/join.tsx', 'src/app/routes/play.tsx'];
const HOST_CODE = /(^|\/)(features\/(auth|library|editor|host|results)\/|app\/routes\/host|messages\/[a-z]{2}-host)/;
const dist = new URL('../dist/', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));

function chunksFrom(keys) {
  const files = new Map();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    if (files.has(chunk.file)) return;
    files.set(chunk.file, key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kib = (bytes) => (bytes / 1024).toFixed(1).padStart(6);
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
const entryFiles = chunksFrom([entry]);
const playerFiles = chunksFrom([entry, ...PLAYER_ROUTES]);

let entryTotal = 0;
let playerTotal = 0;
console.log('Player JavaScript, gzip -9:');
for (const [file, source] of playerFiles) {
  const bytes = gzipped(file);
  playerTotal += bytes;
  const inEntry = entryFiles.has(file);
  if (inEntry) entryTotal += bytes;
  console.log(`  ${kib(bytes)} KiB  ${inEntry ? 'entry' : 'route'}  ${file}  (${source})`);
}
console.log(`  ${kib(entryTotal)} KiB  entry total (budget ${ENTRY_BUDGET_KIB} KiB)`);
console.log(`  ${kib(playerTotal)} KiB  player path total: entry + /, /join/{pin}, /play (budget ${PLAYER_PATH_BUDGET_KIB} KiB)`);

const failures = [];
const hostSources = [...playerFiles.values()].filter((source) => HOST_CODE.test(source));
if (hostSources.length > 0) failures.push(`host code on the player's path: ${hostSources.join(', ')}`);
if (entryTotal > ENTRY_BUDGET_KIB * 1024) failures.push(`the entry is ${kib(entryTotal).trim()} KiB, over ${ENTRY_BUDGET_KIB} KiB`);
if (playerTotal > PLAYER_PATH_BUDGET_KIB * 1024) {
  failures.push(`the player's path is ${kib(playerTotal).trim()} KiB, over ${PLAYER_PATH_BUDGET_KIB} KiB`);
}
if (failures.length > 0) {
  for (const failure of failures) console.error(`Bundle budget: ${failure}.`);
  process.exit(1);
}
