// The extension host seen from outside: its process (/proc), the bench helper extension inside it
// (bench/vscode/helper-extension), and its log files.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { largest } from '../stats';

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Fields of /proc/<pid>/stat after the command name (field 3 is index 0). */
function statFields(pid: number): string[] {
  const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
}

/** utime + stime of the whole process (all threads), in ms; resolution one clock tick (usually 10 ms). */
export function cpuMs(pid: number): number {
  const f = statFields(pid);
  return ((Number(f[11]) + Number(f[12])) / clockTicks()) * 1000;
}

export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

/** The extension host of one VS Code server: the process in its group whose command line has --type=extensionHost. */
export function findExtensionHost(serverPid: number): number | undefined {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      if (Number(statFields(pid)[2]) !== serverPid) continue; // field 5: process group
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('--type=extensionHost')) found.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return found.sort((a, b) => b - a)[0]; // the newest, after a window reload
}

export function executable(pid: number): string {
  return readlinkSync(`/proc/${pid}/exe`);
}

export interface HelperState {
  pid: number;
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  agentChat: { installed: boolean; isActive?: boolean; exports?: { activationMs?: number; activationSteps?: Record<string, number> }; marks?: { codeLoadingMs: number } };
}

/** Client of the bench helper extension's little HTTP server inside the extension host. */
export class Helper {
  constructor(readonly port: number) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = 30_000): Promise<T> {
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`bench helper ${path}: ${json.error ?? res.status}`);
    return json;
  }

  state(): Promise<HelperState> {
    return this.call('GET', '/state');
  }

  /** Full GCs in the extension host, then its memory. */
  gc(): Promise<{ pid: number; memory: NodeJS.MemoryUsage }> {
    return this.call('POST', '/gc');
  }

  command(id: string, ...args: unknown[]): Promise<{ result: unknown }> {
    return this.call('POST', '/command', { id, args });
  }

  /** Starts recording webview posts in the extension host (first textDelta per message, snapshots). */
  recordPosts(): Promise<unknown> {
    return this.call('POST', '/posts');
  }

  /**
   * Extension-host clock times: first textDelta posted per message id, the host's next socket write after it
   * (the text leaving the process), and every snapshot posted.
   */
  posts(): Promise<{ textDelta: Record<string, number>; written: Record<string, number>; snapshots: number[] }> {
    return this.call('GET', '/posts');
  }

  /** The extension host's clock minus ours (ms), from the round trip with the shortest time. */
  async clockOffset(samples = 15): Promise<{ offset: number; uncertainty: number }> {
    let best: { offset: number; uncertainty: number } | undefined;
    for (let i = 0; i < samples; i++) {
      const t0 = performance.timeOrigin + performance.now();
      const { now } = await this.call<{ now: number }>('GET', '/now');
      const t1 = performance.timeOrigin + performance.now();
      const c = { offset: now - (t0 + t1) / 2, uncertainty: (t1 - t0) / 2 };
      if (!best || c.uncertainty < best.uncertainty) best = c;
    }
    return best!;
  }

  /** See the helper's /ping: VS Code's own webview messaging, host post → page arrival / paint. */
  ping(count: number, intervalMs: number): Promise<{ posted: number; arrived: number; dom: number; painted: number }[]> {
    return this.call('POST', '/ping', { count, intervalMs });
  }

  /** See the helper's /terminal/run: a command in a terminal of VS Code's alone (no chat), until the shell reports its end. */
  runInTerminal(command: string, cwd: string, how: { read: boolean; fresh: boolean; hidden?: boolean }, timeoutMs: number): Promise<{ durationMs: number; exitCode: number | null; readChars: number }> {
    return this.call('POST', '/terminal/run', { command, cwd, ...how }, timeoutMs);
  }

  profileStart(): Promise<unknown> {
    return this.call('POST', '/profile/start');
  }

  profileStop(): Promise<CpuProfile> {
    return this.call('POST', '/profile/stop');
  }

  /** Waits until the helper answers (the extension host activates it on startup finished). */
  async ready(timeoutMs: number, pid?: number): Promise<HelperState> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const s = await this.state();
        if (pid === undefined || s.pid !== pid) return s;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the bench helper extension did not answer on port ${this.port} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Waits until Agent Chat is active and returns what its activate() returned. */
  async activation(timeoutMs: number): Promise<{ activationMs?: number; activationSteps?: Record<string, number>; codeLoadingMs?: number; pid: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = await this.state();
      if (s.agentChat.isActive) return { ...(s.agentChat.exports ?? {}), ...(s.agentChat.marks ?? {}), pid: s.pid };
      if (Date.now() > deadline) throw new Error('Agent Chat did not activate');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** `2026-11-26 19:07:19.196 [info] …` → epoch ms (local time, as VS Code writes it). */
function logTime(line: string): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3}) /.exec(line);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return new Date(y, mo - 1, d, h, mi, s, ms).getTime();
}

export interface ActivationFromLogs {
  /** One per extension host that activated Agent Chat: from the host starting the activation (code loading
   *  included) to activate() having logged "Agent Chat activated in X ms", by the log timestamps (1 ms). */
  hostMs: number[];
  /** The X of each "Agent Chat activated in X ms" line. */
  selfReportedMs: number[];
  files: string[];
}

/**
 * Reads `<logs>/<session>/exthost<N>/remoteexthost.log` (ExtensionService#_doActivateExtension lines carry
 * only a timestamp, no duration) and the Agent Chat output channel's log in the same exthost folder.
 */
export function activationFromLogs(logsDir: string): ActivationFromLogs {
  const files = filesUnder(logsDir);
  const result: ActivationFromLogs = { hostMs: [], selfReportedMs: [], files: [] };
  const hosts = new Map<string, { start?: number; done?: number; self?: number }>();
  for (const f of files) {
    const m = /[/\\](exthost\d+)[/\\]/.exec(f);
    if (!m || !f.endsWith('.log')) continue;
    const key = f.slice(0, m.index + m[0].length);
    const entry = hosts.get(key) ?? {};
    hosts.set(key, entry);
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (line.includes('ExtensionService#_doActivateExtension agent-chat.agent-chat,')) {
        entry.start = logTime(line);
        result.files.push(f);
      }
      const a = /Agent Chat activated in ([\d.]+) ms/.exec(line);
      if (a) {
        entry.done = logTime(line);
        entry.self = Number(a[1]);
        result.files.push(f);
      }
    }
  }
  for (const e of hosts.values()) {
    if (e.self !== undefined) result.selfReportedMs.push(e.self);
    if (e.start !== undefined && e.done !== undefined) result.hostMs.push(e.done - e.start);
  }
  return result;
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

/** The part of a V8 CPU profile (Profiler.stop) the summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** Where a profile's time went: self time by area (our bundle, the SDK, VS Code, Node, GC, idle) and top functions. */
export function summarizeProfile(profile: CpuProfile): { totalMs: number; areas: [string, number][]; functions: [string, number][]; callers: [string, [string, number][]][] } {
  const samples = profile.samples?.length ?? profile.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0);
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const perHit = samples ? totalMs / samples : 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callers = new Map<string, Map<string, number>>();
  const areaOf = (functionName: string, url: string) =>
    functionName === '(idle)' ? 'idle'
    : functionName === '(garbage collector)' ? 'GC'
    : functionName === '(program)' ? 'V8/native (program)'
    : /agent-chat\/dist\/vendor\//.test(url) ? 'vendor SDK bundle'
    : /agent-chat\/dist\//.test(url) ? 'Agent Chat (dist/extension.js)'
    : /bench-helper/.test(url) ? 'bench helper'
    : /lib\/vscode\/out\//.test(url) ? 'VS Code extension host'
    : url.startsWith('node:') || !url ? 'Node.js'
    : 'other';
  const label = (frame: { functionName: string; url: string; lineNumber: number }) =>
    `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1} [${areaOf(frame.functionName, frame.url)}]`;
  for (const node of profile.nodes) {
    const ms = (node.hitCount ?? 0) * perHit;
    if (!ms) continue;
    const area = areaOf(node.callFrame.functionName, node.callFrame.url);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    if (area === 'idle') continue;
    const key = label(node.callFrame);
    functions.set(key, (functions.get(key) ?? 0) + ms);
    // Who called it: the nearest caller outside Node's own code (VS Code, the SDK, Agent Chat…).
    let up = parent.get(node.id);
    while (up !== undefined) {
      const f = byId.get(up)!.callFrame;
      if (f.url && !f.url.startsWith('node:') && areaOf(f.functionName, f.url) !== 'Node.js') break;
      up = parent.get(up);
    }
    const caller = up === undefined ? '(none)' : label(byId.get(up)!.callFrame);
    const m = callers.get(key) ?? new Map<string, number>();
    callers.set(key, m);
    m.set(caller, (m.get(caller) ?? 0) + ms);
  }
  const functionsTop = largest(functions, 12);
  return {
    totalMs,
    areas: largest(areas, 10),
    functions: functionsTop,
    callers: functionsTop.slice(0, 4).map(([f]) => [f, largest(callers.get(f) ?? new Map<string, number>(), 3)]),
  };
}
