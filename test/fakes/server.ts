// Fake LLM provider servers speaking each vendor's real wire protocol, so the official SDKs run end to end.
// This file is the vendor-neutral machinery: scripting, recording, delays, faults and byte-level writing.
// The per-vendor encodings live in *-wire.ts.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { anthropicWire } from './anthropic-wire';
import { ollamaWire } from './ollama-wire';
import { openaiWire } from './openai-wire';
import type { FakeServerOptions, RecordedRequest, Reply, Vendor } from './script';
import { type PlainResponse, type VendorWire } from './wire';
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

export async function startFakeServer(vendor: Vendor, options: FakeServerOptions = {}): Promise<FakeServer> {
  const wire = wires[vendor];
  const models = options.models ?? defaultModels[vendor];
  const queue: Reply[] = [];
  let fallback: Reply | undefined;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const live = new Set<AbortController>();
  const waiters = new Map<RecordedRequest, Set<Waiter>>();
  let seq = 0;
  let closing = false;

  function settleWaiters(rec: RecordedRequest, err?: Error): void {
    for (const w of waiters.get(rec) ?? []) {
      clearTimeout(w.timer);
      if (err) w.reject(err);
      else w.resolve(rec.clientClosedAt ?? 0);
    }
    waiters.delete(rec);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const rec: RecordedRequest = {
      method: req.method ?? 'GET', path, headers: req.headers, body: undefined, receivedAt: now(), finished: false,
    };
    requests.push(rec);
    const requestNo = ++seq;
    const requestId = `${wire.requestIdPrefix}${String(requestNo).padStart(6, '0')}`;
    const abort = new AbortController();
    live.add(abort);
    // Set when the server itself cuts the connection (drop fault, close()), which is not a client close.
    let serverCut = false;
    res.on('finish', () => { rec.finished = true; });
    res.on('close', () => {
      live.delete(abort);
      abort.abort();
      if (!res.writableFinished && !serverCut && !closing) {
        rec.clientClosedAt = now();
        settleWaiters(rec);
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
      if (wire.requestIdHeader) headers[wire.requestIdHeader] = requestId;
      res.writeHead(r.status, headers);
      writer.onFirstByte();
      res.end(req.method === 'HEAD' ? undefined : r.body);
    };

    const raw = await readBody(req);
    if (raw === undefined) return; // the client went away mid-upload
    let body: Record<string, unknown> | undefined;
    if (raw.length > 0) {
      try {
        rec.body = JSON.parse(raw) as unknown;
        if (typeof rec.body === 'object' && rec.body !== null && !Array.isArray(rec.body)) body = rec.body as Record<string, unknown>;
      } catch {
        rec.body = raw;
      }
    }

    if (!(req.method === 'POST' && path === wire.chatPath)) {
      send(wire.route(rec.method, path, models, requestId) ?? wire.notFound(rec.method, path, requestId));
      return;
    }
    // Auth and model checks come first and do not consume a scripted reply, like the real APIs.
    if (options.apiKey !== undefined && !wire.authorized(req.headers, options.apiKey)) {
      send(wire.error(401, undefined, undefined, requestId));
      return;
    }
    if (body === undefined) {
      send(wire.error(400, 'request body is not a JSON object', undefined, requestId));
      return;
    }
    const model = typeof body['model'] === 'string' ? body['model'] : undefined;
    if (model === undefined || !wire.knowsModel(models, model)) {
      send(wire.unknownModel(model, requestId));
      return;
    }
    const reply = queue.shift() ?? fallback;
    if (reply === undefined) {
      send(wire.error(500, 'fake server: no scripted reply', undefined, requestId));
      return;
    }
    if (reply.firstByteDelayMs && !(await sleep(reply.firstByteDelayMs, abort.signal))) return;
    const fault = reply.fault;
    if (fault?.kind === 'status') {
      const extra: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) extra['retry-after'] = String(fault.retryAfterSeconds);
      send(wire.error(fault.status, fault.message, fault.errorType, requestId), extra);
      return;
    }
    const ctx = { model, body, seq: requestNo, promptTokens: Math.max(1, Math.ceil(raw.length / 4)), requestId };
    const stream = wire.wantsStream(body);
    const headers: Record<string, string> = {
      'content-type': stream ? wire.streamContentType : 'application/json',
      ...(stream ? { 'cache-control': 'no-cache' } : {}),
      ...(wire.requestIdHeader ? { [wire.requestIdHeader]: requestId } : {}),
    };
    if (stream) {
      await streamReply(writer, headers, wire.streamFrames(reply, ctx), reply, wire.malformedFrame(ctx));
      return;
    }
    // A whole JSON answer has no tokens to count, so a drop/stall/malformed fault hits it before any byte.
    const whole = JSON.stringify(wire.fullResponse(reply, ctx));
    const wholeFault = fault ? { ...fault, afterTokens: 0 } : undefined;
    const kind = reply.tokens?.length ? 'token' : 'other'; // so firstTokenAt is recorded for whole answers too
    await streamReply(writer, headers, [{ kind, data: whole }], { ...reply, fault: wholeFault }, whole.slice(0, 20));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('fake server: handler failed', err);
      res.destroy();
    });
  });
  server.on('connection', (socket) => {
    // Without Nagle's delay each tiny write goes out on its own, which splitWrites relies on.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    vendor, port, url: `http://127.0.0.1:${port}`, requests,
    enqueue: (...replies) => { queue.push(...replies); },
    setDefault: (reply) => { fallback = reply; },
    chatRequests: () => requests.filter((r) => r.method === 'POST' && r.path === wire.chatPath),
    waitForClientClose(rec, timeoutMs) {
      if (rec.clientClosedAt !== undefined) return Promise.resolve(rec.clientClosedAt);
      return new Promise<number>((resolve, reject) => {
        const set = waiters.get(rec) ?? new Set<Waiter>();
        waiters.set(rec, set);
        const waiter: Waiter = {
          resolve, reject,
          timer: setTimeout(() => {
            set.delete(waiter);
            reject(new Error(`fake server: client did not close ${rec.method} ${rec.path} within ${timeoutMs} ms`));
          }, timeoutMs),
        };
        set.add(waiter);
      });
    },
    async close() {
      closing = true;
      for (const rec of [...waiters.keys()]) settleWaiters(rec, new Error('fake server closed'));
      for (const a of live) a.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
