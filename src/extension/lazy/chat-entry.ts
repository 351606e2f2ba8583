// The chat (controller, views, history, tools, commands), a bundle of its own (dist/chat.js): loaded on the
// first view, command or turn, so that activation parses only the registrations (see lazy/chat.ts).
export { createChat } from '../chat-core';
export type { ChatCore, ChatParts } from '../chat-core';
