// VS Code Chat's lazily loaded part (handlers.ts → dist/native-chat.js) as the chat hands it out: made once, on
// the first call, from the chat's settings, resolver, team and tools (one tool list, one undo store per window).
import { allTools } from '../../core/tools/runner';
import type { NativeHandlers } from './handlers';
import type { NativeDeps } from './native-deps';

export function nativeHandlers(given: Omit<NativeDeps, 'fileTools'>): () => Promise<NativeHandlers> {
  const deps: NativeDeps = { ...given, fileTools: allTools.map((t) => ({ name: t.definition.name, kind: t.kind === 'read' ? 'read' : 'write' })) };
  let loaded: Promise<NativeHandlers> | undefined;
  return () => (loaded ??= import('./handlers.js').then((m) => m.createNativeHandlers(deps)));
}
