// The folders a `.code-workspace` file lists, read from the file itself. A window opened on a workspace
// file can start its extension host before VS Code has resolved the file's folders (seen in VS Code's
// web host: the host's folder list stayed empty for the whole window); history is keyed by the first
// folder, so the key must not depend on which came first.
import { parseJsonc } from '../jsonc';

/** A folder entry as the file writes it: a path (absolute, or relative to the file's folder) or a URI. */
export type WorkspaceFolderEntry = { path: string } | { uri: string };

/**
 * The file's folder entries that VS Code would use, in order: as VS Code reads them, an entry with a `path`
 * is a path entry (skipped when the path is empty), otherwise one with a `uri` is a URI entry, and one with a
 * `name` that is not a string is neither. None when the file cannot be read as a workspace.
 */
export function folderEntries(text: string): WorkspaceFolderEntry[] {
  let parsed: unknown;
  try {
    parsed = parseJsonc(text);
  } catch {
    return [];
  }
  const folders = (parsed as { folders?: unknown } | null)?.folders;
  if (!Array.isArray(folders)) return [];
  const entries: WorkspaceFolderEntry[] = [];
  for (const folder of folders as unknown[]) {
    if (typeof folder !== 'object' || folder === null) continue;
    const { path, uri, name } = folder as { path?: unknown; uri?: unknown; name?: unknown };
    if (name && typeof name !== 'string') continue;
    if (typeof path === 'string') {
      if (path) entries.push({ path });
    } else if (typeof uri === 'string') entries.push({ uri });
  }
  return entries;
}
