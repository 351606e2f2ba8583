// Our adapters of the vendor SDKs (Anthropic, OpenAI, Ollama), a bundle of their own (dist/providers.js):
// loaded by a chat's first request, after which each SDK loads from its own bundle (see esbuild.mjs).
export { createProvider } from '../../core/providers/index';
