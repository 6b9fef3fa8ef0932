// What docker compose does to its files before it runs them, for the checks: interpolation
// of ${VAR} forms from an environment, and the merge of an overlay onto the base file.

// ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}, ${VAR?message}, $VAR; $$ is a $.
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])((?:[^{}]|\{[^}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function interpolateString(text, env) {
  return text.replace(VARIABLE, (match, name, colon, op, word, bare) => {
    if (match === '$$') return '$';
    if (bare) return env[bare] ?? '';
    const value = env[name];
    const missing = value === undefined || (colon === ':' && value === '');
    if (!op) return value ?? '';
    if (op === '-') return missing ? interpolateString(word ?? '', env) : value;
    if (missing) throw new Error(`required variable ${name} is missing a value: ${word}`);
    return value;
  });
}

export function interpolate(value, env) {
  if (typeof value === 'string') return interpolateString(value, env);
  if (Array.isArray(value)) return value.map((v) => interpolate(v, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env)]));
  }
  return value;
}

// The compose merge rules that these files use: mappings merge key by key; command,
// entrypoint and a health check's test are replaced; volumes merge by their target path;
// other sequences (ports…) are appended.
const REPLACED = new Set(['command', 'entrypoint', 'test']);

export function mergeCompose(base, overlay, key = '') {
  if (overlay === undefined) return base;
  if (REPLACED.has(key) || base === undefined || base === null) return overlay;
  if (Array.isArray(base) && Array.isArray(overlay)) {
    if (key === 'volumes') {
      const target = (v) => String(v).split(':')[1];
      return [...base.filter((b) => !overlay.some((o) => target(o) === target(b))), ...overlay];
    }
    return [...base, ...overlay.filter((o) => !base.includes(o))];
  }
  if (typeof base === 'object' && typeof overlay === 'object' && !Array.isArray(base) && !Array.isArray(overlay)) {
    const merged = { ...base };
    for (const [k, v] of Object.entries(overlay)) merged[k] = mergeCompose(base[k], v, k);
    return merged;
  }
  return overlay;
}

// KEY=value lines of a .env file (comments and blank lines skipped).
export function parseEnvFile(text) {
  const env = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  }
  return env;
}
