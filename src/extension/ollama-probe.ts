// Whether an Ollama server answers: asked by the model resolver, the welcome and the model list VS Code reads
// (a file of its own so that activation's model list does not pull the resolver in with it).

/** Whether an Ollama server answers at `host` (quickly: the welcome and `auto` wait for it). */
export async function ollamaAnswers(host: string | undefined): Promise<boolean> {
  if (!host) return false;
  try {
    const res = await fetch(new URL('/api/version', host), { signal: AbortSignal.timeout(800) });
    return res.ok;
  } catch {
    return false;
  }
}
