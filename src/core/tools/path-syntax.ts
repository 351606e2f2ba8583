// Refusals that depend only on the text of a path the model sent, before any file-system access.
// The same rules apply on every OS, so a workspace on a Windows host (or one later opened there)
// cannot be reached through forms that only Windows interprets.

export const maxPathLength = 4096;
export const maxSegmentLength = 255;

/** Windows device names, reserved with any extension (`nul.txt`, `com1.log`). */
const reservedName = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)$/i;

/** Returns why `raw` is refused, phrased to follow "Path '…' ", or undefined when the form is acceptable. */
export function pathSyntaxProblem(raw: string): string | undefined {
  if (raw.trim() === '') return "is empty; use '.' for the workspace folder";
  if (raw.includes('\0')) return 'contains a NUL byte';
  if (raw.length > maxPathLength) return `is longer than ${maxPathLength} characters`;
  // Refused rather than decoded: a decoded `%2e%2e%2f` must never reach the file system as `../`.
  if (/%(2e|2f|5c|00)/i.test(raw)) return 'contains URL-encoded characters (%2e, %2f, %5c); send the plain path';
  if (/:\d+(:\d+)?$/.test(raw)) return "ends with a line number (':42'); pass the path alone and use startLine/endLine";
  if (/^[a-z]:/i.test(raw)) return 'is a Windows drive path; use a path relative to the workspace folder';
  if (/^[a-z][a-z0-9+.-]+:/i.test(raw)) return 'is a URI; use a path relative to the workspace folder, not a URL';
  if (/^[\\/]{2}[?.][\\/]/.test(raw)) return 'is a Windows device path; use a path relative to the workspace folder';
  if (/^[\\/]{2}/.test(raw)) return 'is a network (UNC) path; use a path relative to the workspace folder';
  if (raw.startsWith('~')) return "starts with '~'; home-directory expansion is not supported, use a workspace-relative path";
  if (/[\x01-\x1f\x7f]/.test(raw)) return 'contains control characters';
  for (const segment of raw.split(/[\\/]/)) {
    if (segment === '' || segment === '.' || segment === '..') continue;
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  return undefined;
}

function segmentProblem(segment: string): string | undefined {
  if (segment.length > maxSegmentLength) return `has a name longer than ${maxSegmentLength} characters`;
  if (segment.includes(':')) return `contains ':' in '${short(segment)}' (alternate data streams and drive forms are not allowed)`;
  if (/[. ]$/.test(segment)) return `has a name ending in a dot or space ('${short(segment)}'), which Windows silently strips`;
  const base = (segment.split('.')[0] ?? '').trimEnd();
  if (reservedName.test(base)) return `uses the reserved Windows device name '${base}'`;
  return undefined;
}

/** Quotes a path for messages without flooding the model's context or echoing control characters. */
export function showPath(raw: string): string {
  const clean = raw.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return clean.length > 120 ? `${clean.slice(0, 100)}…(${raw.length} chars)` : clean;
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
