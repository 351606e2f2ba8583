// Socket I/O for the fake servers: reading request bodies, and writing a scripted reply's frames with
// inter-event delays, tiny split writes and the mid-stream faults. Every wait is tied to the request's AbortSignal, which fires when the socket
// closes for any reason, so nothing keeps running (or holds a timer) after the client or server is gone.
import type * as http from 'node:http';
import type { Reply } from './script';
import type { Frame } from './wire';

export interface Writer {
  res: http.ServerResponse;
  /** Aborted when the response's socket closes. */
  signal: AbortSignal;
  onFirstByte(): void;
  onToken(): void;
  /** Destroy the connection on purpose (the `drop` fault). */
  cut(): void;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts (clearing the timer). */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** One `res.write`, honouring backpressure; false once the connection is gone. */
async function writeChunk(w: Writer, bytes: Buffer): Promise<boolean> {
  if (w.signal.aborted || w.res.destroyed) return false;
  w.onFirstByte();
  if (w.res.write(bytes)) return true;
  await new Promise<void>((resolve) => {
    const done = () => {
      w.res.off('drain', done);
      w.signal.removeEventListener('abort', done);
      resolve();
    };
    w.res.on('drain', done);
    w.signal.addEventListener('abort', done, { once: true });
  });
  return !w.signal.aborted;
}

/**
 * Writes `data`; with `split`, in 1–3 byte pieces a turn of the event loop apart, so SSE lines, JSON
 * and multi-byte UTF-8 characters all arrive across several TCP segments (the sockets have no Nagle delay).
 */
export async function writeData(w: Writer, data: string, split: boolean): Promise<boolean> {
  const bytes = Buffer.from(data, 'utf8');
  if (!split) return writeChunk(w, bytes);
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const size = 1 + (i % 3);
    if (!(await writeChunk(w, bytes.subarray(offset, offset + size)))) return false;
    offset += size;
    await nextTurn();
  }
  return !w.signal.aborted;
}

/** Sends headers and frames, applying the reply's delays and drop/stall/malformed fault. */
export async function streamReply(
  w: Writer, headers: Record<string, string>, frames: Frame[], reply: Reply, malformed: string,
): Promise<void> {
  w.res.writeHead(200, headers);
  // Headers go out now, as a real server's do, even when the first event is still delayed.
  w.res.flushHeaders();
  const fault = reply.fault?.kind === 'status' ? undefined : reply.fault;
  const split = reply.splitWrites === true;
  let tokens = 0;
  for (const [i, frame] of frames.entries()) {
    if (i > 0 && reply.tokenDelayMs && !(await sleep(reply.tokenDelayMs, w.signal))) return;
    if (fault && frame.kind !== 'preamble' && tokens >= fault.afterTokens) break;
    if (!(await writeData(w, frame.data, split))) return;
    if (frame.kind === 'token') {
      tokens++;
      w.onToken();
    }
    if (i === frames.length - 1) {
      w.res.end();
      return;
    }
  }
  switch (fault?.kind) {
    case 'drop':
      w.cut();
      return;
    case 'malformed':
      if (await writeData(w, malformed, split)) w.res.end();
      return;
    case 'stall':
      // Keep the socket open and silent; the close handler (client gone, or server.close()) ends it.
      return;
    case undefined:
      w.res.end();
      return;
  }
}

/** The whole request body as text, or undefined when the client disconnected before sending it all. */
export async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of req) chunks.push(chunk as Buffer);
  } catch {
    return undefined;
  }
  if (!req.complete) return undefined;
  return Buffer.concat(chunks).toString('utf8');
}
