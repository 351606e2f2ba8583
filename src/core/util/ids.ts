import { randomUUID } from 'node:crypto';

/** Sortable, unique ids: creation time first so that ids order like messages do. */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomUUID().slice(0, 8)}`;
}
