// Files the agents may not read or write unless the user allows it: credentials and git internals.
import { pathMatcher } from './glob';

export interface SecretPolicy {
  /** Lifts every secret rule. */
  allowSecrets?: boolean;
  /** Extra patterns to protect, in addition to the built-in ones. */
  secretGlobs?: readonly string[];
  /** Patterns that are allowed although a secret rule matches (e.g. `.env.example`). */
  allowedSecretGlobs?: readonly string[];
}

/** Globs without '/' match the file name at any depth. `.git` is handled separately (any segment). */
export const builtinSecretGlobs: readonly string[] = ['.env', '.env.*', '*.pem', '*.key', 'id_rsa*', 'id_ed25519*'];

const cache = new Map<string, (rel: string) => boolean>();

function matches(glob: string, rel: string): boolean {
  let m = cache.get(glob);
  if (!m) {
    try {
      // Case-insensitive: on macOS and Windows `.ENV` is the same file as `.env`.
      m = pathMatcher(glob, { caseInsensitive: true });
    } catch {
      const literal = glob.toLowerCase();
      m = (r) => r.toLowerCase() === literal || r.toLowerCase().endsWith(`/${literal}`);
    }
    cache.set(glob, m);
  }
  return m(rel);
}

/**
 * The rule that makes `inRoot` (relative to its workspace folder, '/' separators) a secret,
 * or undefined when the policy allows it.
 */
export function secretRule(inRoot: string, policy: SecretPolicy): string | undefined {
  if (policy.allowSecrets || inRoot === '') return undefined;
  const rule = inRoot.split('/').some((s) => s.toLowerCase() === '.git')
    ? '.git/'
    : [...builtinSecretGlobs, ...(policy.secretGlobs ?? [])].find((g) => matches(g, inRoot));
  if (rule === undefined) return undefined;
  return (policy.allowedSecretGlobs ?? []).some((g) => matches(g, inRoot)) ? undefined : rule;
}
