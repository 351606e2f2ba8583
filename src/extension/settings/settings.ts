// The settings snapshot: its shape, and the rules for building it from what VS Code reports per key.
// No VS Code API here, so the rules are unit-tested; current-settings.ts feeds it from the real configuration.
// Defaults come from package.json only (VS Code reports them as each key's `defaultValue`).
import type { AgentSettingEntry } from '../../core/agents/registry';
import type { ChatLimits } from '../../core/chat/controller';
import type { ProviderId, ProviderSettings, VendorId } from '../../core/providers/types';
import type { SecretPolicy } from '../../core/tools/secrets';
import type { ModelOverrides } from '../../core/models/facts';

export type ProviderChoice = 'auto' | ProviderId;

export interface Settings {
  readonly provider: ProviderChoice;
  /** `vscode`: which of VS Code's models (see vscode-models.ts in native/); empty asks the user. */
  readonly models: Readonly<Record<ProviderId, string>>;
  /** Anthropic/OpenAI base URL (undefined: the official API) and Ollama host. */
  readonly baseUrls: Readonly<Record<VendorId, string | undefined>>;
  readonly maxTokens: number;
  readonly temperature: number | undefined;
  readonly defaultAgent: string;
  readonly firstTokenTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxRetries: number;
  readonly limits: Readonly<ChatLimits>;
  readonly secrets: Readonly<SecretPolicy>;
  readonly agents: readonly AgentSettingEntry[];
  readonly maxConversations: number;
  /** run_command: patterns that run without asking / never run, and the default timeout. */
  readonly commands: Readonly<{ autoApprove: readonly string[]; deny: readonly string[]; timeoutSeconds: number }>;
  readonly mcp: Readonly<McpSettings>;
  /** `agentChat.models`: the user's facts per model id, checked where they are read (core/models/facts.ts). */
  readonly modelOverrides: ModelOverrides;
  /** Ollama's keep_alive; undefined: the server's default. */
  readonly ollamaKeepAlive: string | undefined;
  /** Seconds a hand-off offer counts down before it runs; 0: it waits for Run now. */
  readonly handOffCountdownSeconds: number;
}

export interface McpSettings {
  /** `agentChat.mcp.servers` as the user wrote it (parsed where the workspace folder is known). */
  servers: unknown;
  autoApprove: readonly string[];
  callTimeoutMs: number;
}

/** Whether `agentChat.mcp.servers` names any server (they start with the window, see lazy/mcp-hub.ts). */
export function hasMcpServers(settings: Readonly<McpSettings>): boolean {
  const servers = settings.servers;
  return typeof servers === 'object' && servers !== null && Object.keys(servers).length > 0;
}

/**
 * Settings that could send the user's key and code elsewhere, or let changes and secrets through without
 * asking. A repository must not be able to set them: package.json gives them machine scope and lists them
 * as restricted, and the snapshot takes only the user's own value, whatever the host does with scopes.
 */
export const userOnlySettings = [
  'anthropic.baseUrl',
  'openai.baseUrl',
  'ollama.host',
  'autoApprove.read',
  'autoApprove.write',
  'secrets.allowAll',
  'secrets.protect',
  'secrets.allow',
  'commands.autoApprove',
  'commands.deny',
  'mcp.servers',
  'mcp.autoApprove',
  // Which of VS Code's models: a repository must not move the team to a model that spends premium requests.
  'vscode.model',
] as const;

const userOnly = new Set<string>(userOnlySettings);

/** What VS Code's `inspect()` reports for one key (the part we use). */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** Where the snapshot reads from: keys are relative to `agentChat.`. */
export interface SettingsSource {
  /** The value after VS Code's own precedence (folder over workspace over user over default). */
  get(key: string): unknown;
  inspect(key: string): InspectedSetting | undefined;
}

/**
 * One key's scopes taken from an `inspect()` of its whole section, whose values are nested objects
 * (`anthropic.baseUrl` is `anthropic` → `baseUrl` in each scope): one such call replaces one per key.
 */
export function inspectedKey(section: InspectedSetting | undefined, key: string): InspectedSetting | undefined {
  if (!section) return undefined;
  const at = (tree: unknown): unknown => key.split('.').reduce<unknown>((node, part) => (isPlainObject(node) ? node[part] : undefined), tree);
  return {
    defaultValue: at(section.defaultValue),
    globalValue: at(section.globalValue),
    workspaceValue: at(section.workspaceValue),
    workspaceFolderValue: at(section.workspaceFolderValue),
  };
}

/** The user's value of a user-only setting (else its default), and whether a workspace tried to set it. */
export function userValue(inspected: InspectedSetting | undefined): { value: unknown; workspaceIgnored: boolean } {
  return {
    value: inspected?.globalValue ?? inspected?.defaultValue,
    workspaceIgnored: inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined,
  };
}

/** Hears of a workspace value that was not used, with why when the reason is not "user settings only". */
export type IgnoredSetting = (key: string, why?: string) => void;

const VSCODE_PROVIDER_USER_ONLY = "VS Code's models (provider vscode) are chosen in your user settings only";

/**
 * `agentChat.provider`: a workspace may pick any provider but `vscode`, whose models can spend the user's premium
 * requests; a workspace's `vscode` falls back to the next value down that is not `vscode`.
 */
function providerChoice(source: SettingsSource, ignored: IgnoredSetting): ProviderChoice {
  const inspected = source.inspect('provider');
  const value = nonEmpty(source.get('provider')) ?? nonEmpty(inspected?.defaultValue) ?? 'auto';
  if (value !== 'vscode' || inspected?.globalValue === 'vscode') return value as ProviderChoice;
  ignored('provider', VSCODE_PROVIDER_USER_ONLY);
  const below = [inspected?.workspaceValue, inspected?.globalValue, inspected?.defaultValue].map(nonEmpty);
  return (below.find((v) => v !== undefined && v !== 'vscode') ?? 'auto') as ProviderChoice;
}

/** `agentChat.agents`; an entry a workspace gives provider `vscode` loses its provider and model (see providerChoice). */
function agentEntries(source: SettingsSource, ignored: IgnoredSetting): AgentSettingEntry[] {
  const value = source.get('agents');
  if (!Array.isArray(value)) return [];
  const inspected = source.inspect('agents');
  if (inspected?.workspaceValue === undefined && inspected?.workspaceFolderValue === undefined) return value as AgentSettingEntry[];
  const users = Array.isArray(inspected.globalValue) ? (inspected.globalValue as unknown[]) : [];
  const usersVscodeAgents = new Set(users.filter((e) => isPlainObject(e) && e.provider === 'vscode').map((e) => (e as AgentSettingEntry).name));
  return (value as unknown[]).map((entry) => {
    if (!isPlainObject(entry) || entry.provider !== 'vscode' || usersVscodeAgents.has(entry.name)) return entry as AgentSettingEntry;
    ignored('agents', VSCODE_PROVIDER_USER_ONLY);
    const { provider: _provider, model: _model, ...rest } = entry;
    return rest as AgentSettingEntry;
  });
}

/** Builds the snapshot. `ignored(key)` hears of each user-only key whose workspace value was not used. */
export function buildSettings(source: SettingsSource, ignored: IgnoredSetting = () => {}): Settings {
  const raw = (key: string): unknown => {
    if (!userOnly.has(key)) return source.get(key) ?? source.inspect(key)?.defaultValue;
    const { value, workspaceIgnored } = userValue(source.inspect(key));
    if (workspaceIgnored) ignored(key);
    return value;
  };
  // Asked only when the value is unusable: VS Code's inspect() is the costly call, and activation reads every key.
  const fallback = (key: string) => () => source.inspect(key)?.defaultValue;
  const text = (key: string) => nonEmpty(raw(key)) ?? nonEmpty(fallback(key)());
  const num = (key: string) => pick(raw(key), fallback(key), (v): v is number => typeof v === 'number' && Number.isFinite(v)) ?? 0;
  const bool = (key: string) => pick(raw(key), fallback(key), (v): v is boolean => typeof v === 'boolean') ?? false;
  const strings = (key: string) => pick(raw(key), fallback(key), isStringArray) ?? [];
  const temperature = raw('temperature');
  return {
    provider: providerChoice(source, ignored),
    models: { anthropic: text('anthropic.model') ?? '', openai: text('openai.model') ?? '', ollama: text('ollama.model') ?? '', vscode: text('vscode.model') ?? '' },
    baseUrls: { anthropic: nonEmpty(raw('anthropic.baseUrl')), openai: nonEmpty(raw('openai.baseUrl')), ollama: text('ollama.host') },
    maxTokens: num('maxTokens'),
    temperature: typeof temperature === 'number' ? temperature : undefined,
    defaultAgent: (text('defaultAgent') ?? '').replace(/^@/, ''),
    firstTokenTimeoutMs: num('timeouts.firstTokenSeconds') * 1000,
    idleTimeoutMs: num('timeouts.idleSeconds') * 1000,
    maxRetries: num('maxRetries'),
    limits: {
      maxToolRounds: num('maxToolRounds'),
      maxHandOffs: num('maxHandOffs'),
      contextChars: num('contextCharacters'),
      autoApprove: { read: bool('autoApprove.read'), write: bool('autoApprove.write') },
      compaction: { threshold: num('compaction.threshold'), ...(text('compaction.model') ? { model: text('compaction.model')! } : {}) },
    },
    secrets: { allowSecrets: bool('secrets.allowAll'), secretGlobs: strings('secrets.protect'), allowedSecretGlobs: strings('secrets.allow') },
    agents: agentEntries(source, ignored),
    maxConversations: num('history.maxConversations'),
    commands: { autoApprove: strings('commands.autoApprove'), deny: strings('commands.deny'), timeoutSeconds: num('commands.timeoutSeconds') },
    mcp: { servers: raw('mcp.servers'), autoApprove: strings('mcp.autoApprove'), callTimeoutMs: num('mcp.callTimeoutSeconds') * 1000 },
    modelOverrides: isPlainObject(raw('models')) ? (raw('models') as ModelOverrides) : {},
    ollamaKeepAlive: nonEmpty(raw('ollama.keepAlive')),
    handOffCountdownSeconds: Math.max(0, Math.min(60, num('handOff.countdownSeconds'))),
  };
}

/** What a provider needs from the snapshot (the key comes from secret storage, never from settings). */
export function providerSettings(settings: Settings, id: VendorId, apiKey: string | undefined): ProviderSettings {
  return {
    id,
    apiKey,
    baseUrl: settings.baseUrls[id],
    timeouts: { firstTokenMs: settings.firstTokenTimeoutMs, idleMs: settings.idleTimeoutMs },
    // Not settings: how long to back off between retries is the policy's business.
    retry: { maxRetries: settings.maxRetries, baseDelayMs: 1000, maxDelayMs: 60_000 },
    ...(id === 'ollama' && settings.ollamaKeepAlive ? { keepAlive: settings.ollamaKeepAlive } : {}),
  };
}

function nonEmpty(value: unknown): string | undefined {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed || undefined;
}

/** The value when it has the right type, else the default when that has (a value set to the wrong type falls back). */
function pick<T>(value: unknown, fallback: () => unknown, is: (v: unknown) => v is T): T | undefined {
  if (is(value)) return value;
  const fallen = fallback();
  return is(fallen) ? fallen : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
