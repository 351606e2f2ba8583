// Bytes <-> text for the tools, kept lossless so edits never alter bytes the model did not touch.
import { createHash } from 'node:crypto';

// ignoreBOM keeps a BOM as U+FEFF in the string, so writing the text back preserves it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

export const binarySniffBytes = 8192;

/** A NUL byte in the first 8 KB, the heuristic git and grep use. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, binarySniffBytes).includes(0);
}

export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

/** False for files that are not valid UTF-8 (e.g. Latin-1): rewriting them from decoded text would corrupt them. */
export function roundTrips(bytes: Uint8Array, text: string): boolean {
  const again = encoder.encode(text);
  return again.length === bytes.length && again.every((b, i) => b === bytes[i]);
}

/** Lines without their terminators; a final newline does not start an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

export function lineCount(text: string | undefined): number {
  return text === undefined ? 0 : splitLines(text).length;
}

/** Fingerprint of what is at a path: 'absent', 'dir', or a hash of the bytes. */
export function stateDigest(state: 'absent' | 'dir' | Uint8Array): string {
  return typeof state === 'string' ? state : createHash('sha256').update(state).digest('hex');
}

export function clip(line: string, max: number): string {
  return line.length > max ? `${line.slice(0, max)}… [line cut, ${line.length} chars]` : line;
}
