// The first folder a `.code-workspace` file lists, read from the file itself. A window opened on a
// workspace file can start its extension host before VS Code has resolved the file's folders (seen in
// VS Code's web host: the host's folder list stayed empty for the whole window); history is keyed by
// the first folder, so the key must not depend on which came first.
import { parseJsonc } from '../jsonc';

/** A folder entry as the file writes it: a path (absolute, or relative to the file's folder) or a URI. */
export type WorkspaceFolderEntry = { path: string } | { uri: string };

/** The file's first folder entry; undefined when the file lists none or cannot be read as a workspace. */
export function firstFolderEntry(text: string): WorkspaceFolderEntry | undefined {
  let parsed: unknown;
  try {
    parsed = parseJsonc(text);
  } catch {
    return undefined;
  }
  const folders = (parsed as { folders?: unknown } | null)?.folders;
  const first: unknown = Array.isArray(folders) ? folders[0] : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  const { path, uri } = first as { path?: unknown; uri?: unknown };
  if (typeof path === 'string' && path) return { path };
  if (typeof uri === 'string' && uri) return { uri };
  return undefined;
}
