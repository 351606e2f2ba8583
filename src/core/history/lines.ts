// Byte-level access to JSON-lines files: appending a record in one write so concurrent writers
// never interleave, and reading lines backwards from any offset so the newest records cost the
// same however long the file is. Both directions are linear in the bytes read, however long a line.
import { open } from 'node:fs/promises';

const NL = 0x0a;
const backwardChunk = 64 * 1024;
const forwardChunk = 256 * 1024;
/** Chunks grow up to this while a line goes on, so a long line takes a few reads, not thousands. */
const maxChunk = 8 * 1024 * 1024;

export interface Line {
  text: string;
  /** Byte offset of the line's first byte. */
  start: number;
}

/** Counts reads and the bytes copied to join lines that span chunks: a seam to check reading stays linear. */
export interface ReadMeter {
  reads: number;
  copied: number;
}

/**
 * The pieces of one line read so far, kept apart and joined once when the line is complete, so a
 * line spanning many chunks costs its size, not its size times the number of chunks.
 */
class Pieces {
  private parts: Buffer[] = [];
  private length = 0;

  constructor(private readonly meter: ReadMeter | undefined) {}

  get size(): number {
    return this.length;
  }

  add(part: Buffer): void {
    if (!part.length) return;
    this.parts.push(part);
    this.length += part.length;
  }

  /** The line as one buffer; `reversed` when its pieces were added from its end backwards. */
  take(reversed: boolean): Buffer {
    const parts = reversed ? this.parts.reverse() : this.parts;
    const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts, this.length);
    if (parts.length > 1 && this.meter) this.meter.copied += this.length;
    this.parts = [];
    this.length = 0;
    return out;
  }
}

/** Lines of `path` ending at or before byte `end`, newest first. A final unterminated fragment counts as a line. */
export async function* linesBackward(path: string, end: number, meter?: ReadMeter): AsyncGenerator<Line> {
  const fh = await open(path, 'r');
  try {
    let pos = end;
    let chunk = backwardChunk;
    const tail = new Pieces(meter); // The end of a line whose beginning is not read yet.
    while (pos > 0) {
      const size = Math.min(chunk, pos);
      pos -= size;
      // A fresh buffer per chunk: pieces of it may stay in `tail` for a while.
      const buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(buf, 0, size, pos);
      if (meter) meter.reads++;
      const data = buf.subarray(0, bytesRead);
      let stop = data.length;
      while (stop > 0) {
        const nl = data.lastIndexOf(NL, stop - 1);
        if (nl < 0) break;
        tail.add(data.subarray(nl + 1, stop));
        if (tail.size) yield { text: tail.take(true).toString('utf8'), start: pos + nl + 1 };
        stop = nl;
      }
      tail.add(data.subarray(0, stop));
      chunk = stop === data.length ? Math.min(chunk * 2, maxChunk) : backwardChunk;
    }
    if (tail.size) yield { text: tail.take(true).toString('utf8'), start: 0 };
  } finally {
    await fh.close();
  }
}

/** Lines of `path` from byte `start` (a line start) to `end`, oldest first. */
export async function* linesForward(path: string, start = 0, end = Number.POSITIVE_INFINITY, meter?: ReadMeter): AsyncGenerator<Line> {
  const fh = await open(path, 'r');
  try {
    let pos = start;
    const head = new Pieces(meter); // The beginning of a line whose end is not read yet.
    let headStart = start;
    let chunk = forwardChunk;
    while (pos < end) {
      const size = Math.min(chunk, end - pos);
      const buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(buf, 0, size, pos);
      if (meter) meter.reads++;
      if (bytesRead === 0) break;
      const data = buf.subarray(0, bytesRead);
      let from = 0;
      for (let nl = data.indexOf(NL); nl >= 0; nl = data.indexOf(NL, from)) {
        head.add(data.subarray(from, nl));
        if (head.size) yield { text: head.take(false).toString('utf8'), start: headStart };
        from = nl + 1;
        headStart = pos + from;
      }
      head.add(data.subarray(from));
      chunk = from === 0 ? Math.min(chunk * 2, maxChunk) : forwardChunk;
      pos += bytesRead;
    }
    if (head.size) yield { text: head.take(false).toString('utf8'), start: headStart };
  } finally {
    await fh.close();
  }
}

/**
 * Appends `text` (whole lines) in one `write` on a file opened with O_APPEND. Appends to a local
 * file are atomic per write call, so concurrent writers (other windows) never interleave inside a
 * record, however large. (`FileHandle.appendFile` writes in 512 KiB chunks, which do interleave.)
 * A short write only happens when the disk is full; the rest is then written by further calls and
 * a reader that meets a damaged line skips it. With `repairEnd`, a file not ending in a newline (a
 * cut-off line) gets one first.
 */
export async function appendLines(path: string, text: string, opts: { repairEnd: boolean; sync: boolean }): Promise<void> {
  const fh = await open(path, opts.repairEnd ? 'a+' : 'a');
  try {
    let data = Buffer.from(text, 'utf8');
    if (opts.repairEnd) {
      const { size } = await fh.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        if (last[0] !== NL) data = Buffer.concat([Buffer.from([NL]), data]);
      }
    }
    for (let done = 0; done < data.length; ) {
      const { bytesWritten } = await fh.write(data, done, data.length - done);
      done += bytesWritten;
    }
    if (opts.sync) await fh.datasync();
  } finally {
    await fh.close();
  }
}
