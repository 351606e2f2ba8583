// Finds and ends the processes a terminal's shell started, so Stop leaves nothing running behind a command.
import { execFile } from 'node:child_process';
import { promises as fs, readdirSync, readFileSync } from 'node:fs';

async function parentsFromProc(): Promise<Map<number, number>> {
  const parents = new Map<number, number>();
  for (const name of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await fs.readFile(`/proc/${name}/stat`, 'utf8');
      // The name field may hold spaces and parentheses; the fields after its last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  return parents;
}

function parentsFromPs(): Promise<Map<number, number>> {
  return new Promise((resolve) => {
    execFile('ps', ['-A', '-o', 'pid=,ppid='], (err, stdout) => {
      const parents = new Map<number, number>();
      if (!err) {
        for (const line of stdout.split('\n')) {
          const [pid, ppid] = line.trim().split(/\s+/).map(Number);
          if (pid && ppid !== undefined) parents.set(pid, ppid);
        }
      }
      resolve(parents);
    });
  });
}

/**
 * Children listed by the kernel per thread (Linux 3.5+): a few small reads instead of a scan of every process.
 * Read synchronously: these files are made by the kernel on the spot (microseconds), while asynchronous reads
 * queue behind whatever else the extension host's thread pool is doing, and Stop waits for this list.
 */
function childrenOf(pid: number): number[] | undefined {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`);
    const lists = tasks.map((t) => {
      try {
        return readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8');
      } catch {
        return ''; // The thread ended while we looked.
      }
    });
    return lists.join(' ').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return undefined;
  }
}

function descendantsFromChildren(root: number): number[] | undefined {
  const out: number[] = [];
  let level = [root];
  while (level.length > 0) {
    const found = level.map(childrenOf);
    if (level[0] === root && found[0] === undefined) return undefined;
    level = found.flatMap((c) => c ?? []);
    out.push(...level);
  }
  return out;
}

/** Every process below `root` (children, their children, …), `root` itself excluded. */
export async function descendants(root: number): Promise<number[]> {
  if (process.platform === 'linux') {
    const fast = descendantsFromChildren(root);
    if (fast) return fast;
  }
  const parents = process.platform === 'linux' ? await parentsFromProc() : await parentsFromPs();
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parents) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Sends SIGKILL to each pid (and its process group where it leads one); gone ones are skipped. */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    for (const target of [-pid, pid]) signal(target, 'SIGKILL');
  }
}

/** Sends SIGINT to each pid, once each (its group is not signalled: every member is listed already). */
export function interruptAll(pids: readonly number[]): void {
  for (const pid of pids) signal(pid, 'SIGINT');
}

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name);
  } catch {
    // Not a group leader, or already gone.
  }
}
