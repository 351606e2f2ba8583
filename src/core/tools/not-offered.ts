// What the model is told when it calls a tool it was not offered: one outside its agent's list (in our chat and in
// VS Code's Chat alike), or one that needs a shell in a workspace without one.

export function notOfferedNote(name: string): string {
  return `${name} is not one of this agent's tools. Use only the tools you were given.`;
}

/**
 * Tools that run in a shell on the workspace's folder. Named here rather than taken from their modules: those load
 * on first use (their own bundle), and a workspace without a shell never loads them.
 */
const shellTools: ReadonlySet<string> = new Set(['run_command']);

export function needsShell(name: string): boolean {
  return shellTools.has(name);
}

/** Why a shell tool is refused in a virtual workspace: the model should stop calling it and hand the command over. */
export function noShellNote(name: string): string {
  return (
    `${name} is not available in this workspace: it is a virtual folder with no shell to run commands in. ` +
    'Do not call it again; tell the user which command to run and what to look for.'
  );
}
