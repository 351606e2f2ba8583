// Feature detection for VS Code's language-model tool list, which older editors and forks without chat lack.
// No `vscode` import: the namespace is passed in, so the check is unit-tested.

/** The part of the `vscode` namespace read here; in an editor without the API `lm` or `lm.tools` is missing. */
export interface MaybeLmApi<T> {
  lm?: { tools?: readonly T[] } | undefined;
}

/** VS Code's registered tools, or none in an editor without `vscode.lm.tools` (never throws). */
export function lmTools<T>(api: MaybeLmApi<T>): readonly T[] {
  const tools = api.lm?.tools;
  return Array.isArray(tools) ? tools : [];
}
