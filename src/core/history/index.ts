// Durable conversation history (see file-store.ts for the design).
export { FileConversationStore, writerAlive, type FileStoreOptions } from './file-store';
export type { IndexEntry } from './index-file';
export { toMarkdown } from './markdown';
export { FORMAT_VERSION, decode, migrations, type ActivityRecordInput, type HistoryRecord, type Migrations } from './records';
