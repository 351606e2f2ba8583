// Removes secrets from the environment a command runs with: variables named like credentials or holding a known key.

/** Names of variables that hold credentials in common tools; `*` is a wildcard, matched without regard to case. */
export const SECRET_NAME_PATTERNS: readonly string[] = [
  '*_API_KEY',
  '*_APIKEY',
  '*_TOKEN',
  '*_ACCESS_KEY',
  '*_PRIVATE_KEY',
  '*SECRET*',
  '*PASSWORD*',
  '*PASSWD*',
  '*CREDENTIAL*',
  'ANTHROPIC_*',
  'OPENAI_*',
  'AZURE_OPENAI_*',
  'CLAUDE_*',
  'OLLAMA_API_KEY',
  'GH_TOKEN',
  'GITHUB_TOKEN',
  'NPM_TOKEN',
  'NODE_AUTH_TOKEN',
];

export interface ScrubOptions {
  /** Secret values the extension knows (its API keys): any variable containing one is dropped. */
  secretValues: readonly string[];
  /** Defaults to SECRET_NAME_PATTERNS. */
  namePatterns?: readonly string[];
}

export interface ScrubbedEnv {
  env: Record<string, string>;
  /** Names of the variables left out (never their values). */
  removed: string[];
}

function nameMatcher(patterns: readonly string[]): RegExp {
  const alternatives = patterns.map((p) => p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
}

// Short values would match by accident (`1`, `true`); no real API key is this short.
const MIN_SECRET_LENGTH = 8;

/** Returns a copy of `source` without credential-like names and without any value holding a known secret. */
export function scrubEnv(source: NodeJS.ProcessEnv, options: ScrubOptions): ScrubbedEnv {
  const byName = nameMatcher(options.namePatterns ?? SECRET_NAME_PATTERNS);
  const secrets = options.secretValues.map((s) => s.trim()).filter((s) => s.length >= MIN_SECRET_LENGTH);
  const env: Record<string, string> = {};
  const removed: string[] = [];
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (byName.test(name) || secrets.some((s) => value.includes(s))) removed.push(name);
    else env[name] = value;
  }
  return { env, removed };
}
