// Types for server.mjs, so the TypeScript E2E harness can load the one implementation with a dynamic import.
import type { Browser, Page } from 'playwright-core';

export declare const repoRoot: string;
export declare const CHROMIUM_ARGS: string[];

export interface StartVscodeServerOptions {
  userDataDir?: string;
  serverDataDir?: string;
  extensionsDir?: string;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  disableWorkspaceTrust?: boolean;
  extraArgs?: string[];
  port?: number;
  readyTimeoutMs?: number;
  logFile?: string;
  keepData?: boolean;
  onOutput?: (line: string) => void;
}

export interface WorkbenchUrlOptions {
  folder?: string;
  extensionDevelopmentPath?: string | string[];
  extensionTestsPath?: string;
}

export interface VscodeServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  readonly userDataDir: string;
  readonly serverDataDir: string;
  readonly extensionsDir: string;
  readonly logsDir: string;
  readonly output: string[];
  readonly exited: boolean;
  readonly exitedPromise: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  workbenchUrl(options: WorkbenchUrlOptions): string;
  stop(): Promise<void>;
}

export declare function startVscodeServer(options?: StartVscodeServerOptions): Promise<VscodeServer>;
export declare function workbenchUrl(options: WorkbenchUrlOptions & { host?: string; port: number }): string;

export declare function launchChromium(options?: { headless?: boolean; args?: string[]; timeoutMs?: number }): Promise<Browser>;

export interface Automation {
  readonly exitCode: Promise<number>;
  readonly log: string[];
  readonly logFiles: { relativePath: string; contents: string }[];
}
export declare function exposeAutomation(page: Page, options?: { onLog?: (type: string, text: string) => void }): Promise<Automation>;

export declare function writeLogFiles(logFiles: { relativePath: string; contents: string }[], dir: string): void;
export declare function removeOnExit(dir: string): () => void;
export declare function endGroup(pid: number, graceMs?: number): Promise<void>;
export declare function sleep(ms: number): Promise<void>;
export declare function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T>;
export declare function freePort(): Promise<number>;
export declare function portIsFree(port: number): Promise<boolean>;
export declare function copyDirIfExists(from: string, to: string): void;
