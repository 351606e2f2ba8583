// Fake LLM provider servers speaking each vendor's real wire protocol, so the official SDKs run end to end.
// This file is the vendor-neutral machinery: scripting, recording, delays, faults and byte-level writing.
// The per-vendor encodings live in *-wire.ts.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { anthropicWire } from './anthropic-wire';
import { ollamaWire } from './ollama-wire';
import { openaiWire } from './openai-wire';
import type { FakeServerOptions, RecordedRequest, Reply, Vendor } from './script';
import { type ChatContext, type Frame, type PlainResponse, type VendorWire, withStreamError } from './wire';
import { type Writer, readBody, sleep, streamReply } from './writer';

export interface FakeServer {
  vendor: Vendor;
  /** `http://127.0.0.1:PORT`. Anthropic SDK: baseURL. OpenAI SDK: `${url}/v1`. Ollama: host. */
  url: string;
  port: number;
  /** Replies are consumed first in, first out, one per chat request. */
  enqueue(...replies: Reply[]): void;
  /** Answer used when the queue is empty; without one, chat requests get a 500. */
  setDefault(reply: Reply | undefined): void;
  /** Every request (chat and others), in arrival order. */
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  /** Resolves with `clientClosedAt` once the client hangs up early; rejects after `timeoutMs`. */
  waitForClientClose(req: RecordedRequest, timeoutMs: number): Promise<number>;
  /** Stops listening and destroys every open socket (including stalled streams and idle keep-alives). */
  close(): Promise<void>;
}

const wires: Record<Vendor, VendorWire> = { anthropic: anthropicWire, openai: openaiWire, ollama: ollamaWire };

// claude-sonnet-4-5 makes @anthropic-ai/sdk print a deprecation warning per request; prefer claude-sonnet-4-6 in tests.
export const defaultModels: Record<Vendor, string[]> = {
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-sonnet-4-6'],
  openai: ['gpt-4o-mini', 'gpt-4o'],
  ollama: ['llama3.2', 'qwen2.5-coder'],
};

const now = () => performance.timeOrigin + performance.now();

interface Waiter { resolve(at: number): void; reject(err: Error): void; timer: NodeJS.Timeout }

/** Everything one server keeps between requests. */
interface ServerState {
  wire: VendorWire;
  options: FakeServerOptions;
  models: string[];
  queue: Reply[];
  fallback: Reply | undefined;
  requests: RecordedRequest[];
  sockets: Set<Socket>;
  /** One per open exchange; aborted when its socket closes or the server shuts down. */
  live: Set<AbortController>;
  waiters: Map<RecordedRequest, Set<Waiter>>;
  seq: number;
  closing: boolean;
  promptCache: Set<string>;
}

/** One request and the means to answer it. */
interface Exchange {
  req: http.IncomingMessage;
  rec: RecordedRequest;
  seq: number;
  requestId: string;
  signal: AbortSignal;
  writer: Writer;
  send(r: PlainResponse, extra?: Record<string, string>): void;
}

function settleWaiters(state: ServerState, rec: RecordedRequest, err?: Error): void {
  for (const w of state.waiters.get(rec) ?? []) {
    clearTimeout(w.timer);
    if (err) w.reject(err);
    else w.resolve(rec.clientClosedAt ?? 0);
  }
  state.waiters.delete(rec);
}

/** Records the request and wires its response to the recording, the close detection and the writer. */
function openExchange(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Exchange {
  const path = new URL(req.url ?? '/', 'http://fake').pathname;
  const rec: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: undefined, receivedAt: now(), finished: false };
  state.requests.push(rec);
  const seq = ++state.seq;
  const requestId = `${state.wire.requestIdPrefix}${String(seq).padStart(6, '0')}`;
  const abort = new AbortController();
  state.live.add(abort);
  // Set when the server itself cuts the connection (drop fault, close()), which is not a client close.
  let serverCut = false;
  res.on('finish', () => { rec.finished = true; });
  res.on('close', () => {
    state.live.delete(abort);
    abort.abort();
    if (!res.writableFinished && !serverCut && !state.closing) {
      rec.clientClosedAt = now();
      settleWaiters(state, rec);
    }
  });
  const writer: Writer = {
    res, signal: abort.signal,
    onFirstByte: () => { rec.firstByteAt ??= now(); },
    onToken: () => { rec.firstTokenAt ??= now(); },
    cut: () => { serverCut = true; req.socket.destroy(); },
  };
  const send = (r: PlainResponse, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { 'content-type': r.contentType, ...extra };
    if (state.wire.requestIdHeader) headers[state.wire.requestIdHeader] = requestId;
    res.writeHead(r.status, headers);
    writer.onFirstByte();
    res.end(req.method === 'HEAD' ? undefined : r.body);
  };
  return { req, rec, seq, requestId, signal: abort.signal, writer, send };
}

/** The body as a JSON object, when it is one; the recording keeps whatever arrived. */
function parseBody(raw: string, rec: RecordedRequest): Record<string, unknown> | undefined {
  if (raw.length === 0) return undefined;
  try {
    rec.body = JSON.parse(raw) as unknown;
  } catch {
    rec.body = raw;
    return undefined;
  }
  const body = rec.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

async function handle(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const ex = openExchange(state, req, res);
  const raw = await readBody(req);
  if (raw === undefined) return; // the client went away mid-upload
  const body = parseBody(raw, ex.rec);
  const { wire } = state;
  if (!(req.method === 'POST' && ex.rec.path === wire.chatPath)) {
    ex.send(wire.route(ex.rec.method, ex.rec.path, state.models, ex.requestId) ?? wire.notFound(ex.rec.method, ex.rec.path, ex.requestId));
    return;
  }
  const refusal = checkChat(state, ex, body);
  if (refusal) {
    ex.send(refusal);
    return;
  }
  const reply = state.queue.shift() ?? state.fallback;
  if (reply === undefined) {
    ex.send(wire.error(500, 'fake server: no scripted reply', undefined, ex.requestId));
    return;
  }
  await answer(state, ex, reply, body!, raw);
}

/**
 * Auth, the vendor's own request checks and the model come first and do not consume a scripted reply,
 * like the real APIs.
 */
function checkChat(state: ServerState, ex: Exchange, body: Record<string, unknown> | undefined): PlainResponse | undefined {
  const { wire, options } = state;
  if (options.apiKey !== undefined && !wire.authorized(ex.req.headers, options.apiKey)) return wire.error(401, undefined, undefined, ex.requestId);
  if (body === undefined) return wire.error(400, 'request body is not a JSON object', undefined, ex.requestId);
  const model = typeof body['model'] === 'string' ? body['model'] : undefined;
  const invalid = model === undefined ? undefined : wire.validate({ headers: ex.req.headers, body, model, options, requestId: ex.requestId });
  if (invalid) return invalid;
  if (model === undefined || !wire.knowsModel(state.models, model)) return wire.unknownModel(model, ex.requestId);
  return undefined;
}

function faultHeaders(fault: Extract<Reply['fault'], { kind: 'status' }>): Record<string, string> {
  const extra: Record<string, string> = { ...fault.headers };
  if (fault.retryAfterSeconds !== undefined) extra['retry-after'] = String(fault.retryAfterSeconds);
  return extra;
}

/** The frames of a streamed reply: a transcript verbatim, or the wire's encoding with any in-stream error. */
function framesOf(wire: VendorWire, reply: Reply, ctx: ChatContext): Frame[] {
  if (reply.raw !== undefined) return [{ kind: 'other', data: reply.raw }];
  const frames = wire.streamFrames(reply, ctx);
  return reply.streamError ? withStreamError(frames, reply.streamError, wire.streamErrorFrame(reply.streamError, ctx)) : frames;
}

async function answer(state: ServerState, ex: Exchange, reply: Reply, body: Record<string, unknown>, raw: string): Promise<void> {
  const { wire } = state;
  if (reply.firstByteDelayMs && !(await sleep(reply.firstByteDelayMs, ex.signal))) return;
  const fault = reply.fault;
  if (fault?.kind === 'status') {
    ex.send(wire.error(fault.status, fault.message, fault.errorType, ex.requestId), faultHeaders(fault));
    return;
  }
  const model = body['model'] as string;
  const ctx: ChatContext = { model, body, seq: ex.seq, promptTokens: Math.max(1, Math.ceil(raw.length / 4)), requestId: ex.requestId, promptCache: state.promptCache };
  const stream = wire.wantsStream(body);
  const headers: Record<string, string> = {
    'content-type': stream ? wire.streamContentType : 'application/json',
    ...(stream ? { 'cache-control': 'no-cache' } : {}),
    ...(wire.requestIdHeader ? { [wire.requestIdHeader]: ex.requestId } : {}),
  };
  if (stream) {
    await streamReply(ex.writer, headers, framesOf(wire, reply, ctx), reply, wire.malformedFrame(ctx));
    return;
  }
  // A whole JSON answer has no tokens to count, so a drop/stall/malformed fault hits it before any byte.
  const whole = JSON.stringify(wire.fullResponse(reply, ctx));
  const wholeFault = fault ? { ...fault, afterTokens: 0 } : undefined;
  const kind = reply.tokens?.length ? 'token' : 'other'; // so firstTokenAt is recorded for whole answers too
  await streamReply(ex.writer, headers, [{ kind, data: whole }], { ...reply, fault: wholeFault }, whole.slice(0, 20));
}

function waitForClientClose(state: ServerState, rec: RecordedRequest, timeoutMs: number): Promise<number> {
  if (rec.clientClosedAt !== undefined) return Promise.resolve(rec.clientClosedAt);
  return new Promise<number>((resolve, reject) => {
    const set = state.waiters.get(rec) ?? new Set<Waiter>();
    state.waiters.set(rec, set);
    const waiter: Waiter = {
      resolve, reject,
      timer: setTimeout(() => {
        set.delete(waiter);
        reject(new Error(`fake server: client did not close ${rec.method} ${rec.path} within ${timeoutMs} ms`));
      }, timeoutMs),
    };
    set.add(waiter);
  });
}

async function closeServer(state: ServerState, server: http.Server): Promise<void> {
  state.closing = true;
  for (const rec of [...state.waiters.keys()]) settleWaiters(state, rec, new Error('fake server closed'));
  for (const a of state.live) a.abort();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const s of state.sockets) s.destroy();
  await closed;
}

export async function startFakeServer(vendor: Vendor, options: FakeServerOptions = {}): Promise<FakeServer> {
  const state: ServerState = {
    wire: wires[vendor], options, models: options.models ?? defaultModels[vendor], queue: [], fallback: undefined,
    requests: [], sockets: new Set(), live: new Set(), waiters: new Map(), seq: 0, closing: false, promptCache: new Set(),
  };
  const server = http.createServer((req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      console.error('fake server: handler failed', err);
      res.destroy();
    });
  });
  server.on('connection', (socket) => {
    // Without Nagle's delay each tiny write goes out on its own, which splitWrites relies on.
    socket.setNoDelay(true);
    state.sockets.add(socket);
    socket.once('close', () => state.sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    vendor, port, url: `http://127.0.0.1:${port}`, requests: state.requests,
    enqueue: (...replies) => { state.queue.push(...replies); },
    setDefault: (reply) => { state.fallback = reply; },
    chatRequests: () => state.requests.filter((r) => r.method === 'POST' && r.path === state.wire.chatPath),
    waitForClientClose: (rec, timeoutMs) => waitForClientClose(state, rec, timeoutMs),
    close: () => closeServer(state, server),
  };
}
