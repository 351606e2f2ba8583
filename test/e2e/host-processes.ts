// Finding the VS Code server's extension host process (Linux /proc), to kill it like a crash would.
import * as fs from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent pid; the command name (field 2) may contain spaces.
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      out.push({ pid: Number(name), ppid, cmdline });
    } catch {
      // Gone meanwhile.
    }
  }
  return out;
}

/** Processes below `rootPid` (children, grandchildren, …). */
export function descendants(rootPid: number): Proc[] {
  const all = processes();
  const found: Proc[] = [];
  let frontier = new Set([rootPid]);
  while (frontier.size) {
    const next = all.filter((p) => frontier.has(p.ppid));
    found.push(...next);
    frontier = new Set(next.map((p) => p.pid));
  }
  return found;
}

/** The extension host(s) the VS Code server `serverPid` started (`--type=extensionHost`). */
export function extensionHostPids(serverPid: number): number[] {
  return descendants(serverPid)
    .filter((p) => p.cmdline.includes('--type=extensionHost'))
    .map((p) => p.pid);
}

export function processExists(pid: number): boolean {
  try {
    // A zombie still has a /proc entry; its state letter is Z.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
