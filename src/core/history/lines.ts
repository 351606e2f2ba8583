// Byte-level access to JSON-lines files: appending without ever rewriting, and reading lines
// backwards from any offset so the newest records cost the same however long the file is.
import { open } from 'node:fs/promises';

const NL = 0x0a;
const backwardChunk = 64 * 1024;
const forwardChunk = 256 * 1024;

export interface Line {
  text: string;
  /** Byte offset of the line's first byte. */
  start: number;
}

/** Lines of `path` ending at or before byte `end`, newest first. A final unterminated fragment counts as a line. */
export async function* linesBackward(path: string, end: number): AsyncGenerator<Line> {
  const fh = await open(path, 'r');
  try {
    let pos = end;
    let carry: Buffer = Buffer.alloc(0); // The beginning of this part of the file is not read yet.
    while (pos > 0) {
      const size = Math.min(backwardChunk, pos);
      pos -= size;
      const buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(buf, 0, size, pos);
      const data = bytesRead === size && carry.length === 0 ? buf : Buffer.concat([buf.subarray(0, bytesRead), carry]);
      let stop = data.length;
      while (stop > 0) {
        const nl = data.lastIndexOf(NL, stop - 1);
        if (nl < 0) break;
        if (stop > nl + 1) yield { text: data.toString('utf8', nl + 1, stop), start: pos + nl + 1 };
        stop = nl;
      }
      carry = Buffer.from(data.subarray(0, stop));
    }
    if (carry.length) yield { text: carry.toString('utf8'), start: 0 };
  } finally {
    await fh.close();
  }
}

/** Lines of `path` from byte `start` (a line start) to `end`, oldest first. */
export async function* linesForward(path: string, start = 0, end = Number.POSITIVE_INFINITY): AsyncGenerator<Line> {
  const fh = await open(path, 'r');
  try {
    let pos = start;
    let carry: Buffer = Buffer.alloc(0);
    let carryStart = start;
    while (pos < end) {
      const size = Math.min(forwardChunk, end - pos);
      const buf = Buffer.allocUnsafe(size);
      const { bytesRead } = await fh.read(buf, 0, size, pos);
      if (bytesRead === 0) break;
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
      const base = pos - carry.length;
      let from = 0;
      for (let nl = data.indexOf(NL); nl >= 0; nl = data.indexOf(NL, from)) {
        if (nl > from) yield { text: data.toString('utf8', from, nl), start: base + from };
        from = nl + 1;
      }
      carry = Buffer.from(data.subarray(from));
      carryStart = base + from;
      pos += bytesRead;
    }
    if (carry.length) yield { text: carry.toString('utf8'), start: carryStart };
  } finally {
    await fh.close();
  }
}

/**
 * Appends `text` (whole lines) with O_APPEND, so concurrent writers never overwrite each other.
 * With `repairEnd`, a file not ending in a newline (a cut-off line) gets one first.
 */
export async function appendLines(path: string, text: string, opts: { repairEnd: boolean; sync: boolean }): Promise<void> {
  const fh = await open(path, opts.repairEnd ? 'a+' : 'a');
  try {
    let data = text;
    if (opts.repairEnd) {
      const { size } = await fh.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        if (last[0] !== NL) data = `\n${text}`;
      }
    }
    await fh.appendFile(data, 'utf8');
    if (opts.sync) await fh.datasync();
  } finally {
    await fh.close();
  }
}
