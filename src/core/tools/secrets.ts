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

/**
 * Credentials, neither read nor written. Globs without '/' match the file name at any depth; `.git`
 * is handled separately (any segment). Keep in step with `agentChat.secrets.allowAll` in package.json.
 */
export const builtinSecretGlobs: readonly string[] = [
  '.env', '.env.*', '.envrc', '.dev.vars', '.dev.vars.*',
  '*.pem', '*.key', '*.p12', '*.pfx',
  'id_rsa*', 'id_ed25519*', 'id_ecdsa*', 'id_dsa*',
  '.npmrc', '.netrc', '.pypirc', '.git-credentials',
  '**/.aws/credentials', '**/.docker/config.json', '**/.kube/config',
  '*.tfstate', '*.tfstate.backup',
];

/**
 * Readable but never written by an agent: VS Code runs what they say (tasks, launch and MCP server
 * commands, extension recommendations) or takes settings from them that could send the API key and
 * the code elsewhere.
 */
export const builtinWriteProtectedGlobs: readonly string[] = [
  '**/.vscode/settings.json', '**/.vscode/tasks.json', '**/.vscode/launch.json',
  '**/.vscode/mcp.json', '**/.vscode/extensions.json', '*.code-workspace',
];

export type Access = 'read' | 'write';

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
export function secretRule(inRoot: string, policy: SecretPolicy, access: Access = 'read'): string | undefined {
  if (policy.allowSecrets || inRoot === '') return undefined;
  const globs = [...builtinSecretGlobs, ...(policy.secretGlobs ?? []), ...(access === 'write' ? builtinWriteProtectedGlobs : [])];
  const rule = inRoot.split('/').some((s) => s.toLowerCase() === '.git') ? '.git/' : globs.find((g) => matches(g, inRoot));
  if (rule === undefined) return undefined;
  return (policy.allowedSecretGlobs ?? []).some((g) => matches(g, inRoot)) ? undefined : rule;
}

/** A name no real file has; a folder whose every child matches a rule (`private/**`) is protected itself. */
const anyChild = '\u0001';

/** The rule that protects the folder `inRoot` or everything in it, so its names are not listed either. */
export function folderRule(inRoot: string, policy: SecretPolicy): string | undefined {
  return secretRule(inRoot, policy) ?? secretRule(inRoot === '' ? anyChild : `${inRoot}/${anyChild}`, policy);
}

/** Why an agent may not touch `rule`'s files, for the model and the user. */
export function protectionReason(rule: string, access: Access): string {
  if (access === 'write' && builtinWriteProtectedGlobs.includes(rule)) {
    return (
      `is protected from changes (matches '${rule}'): VS Code runs commands from it or takes settings from it that could ` +
      'redirect the API key, so agents may read it but not write it. Tell the user the exact change to make themselves'
    );
  }
  return (
    `is a protected file (matches '${rule}': credentials and git internals are not readable or writable by agents). ` +
    'The user can allow it in the Agent Chat settings; do not try to reach it another way'
  );
}
