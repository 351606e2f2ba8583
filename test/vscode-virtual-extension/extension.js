// A file system for the virtual-workspace tests: the scheme `memfs`, held in memory. At activation it holds a
// copy of the folder named by $AGENT_CHAT_TEST_MEMFS_SEED under the same path, so `memfs:<that path>` opens as a
// workspace whose path also exists on this disk: the case where only the scheme tells that no shell is behind
// it. Plain JavaScript: VS Code loads it as it is.
const vscode = require('vscode');
const fs = require('node:fs');
const path = require('node:path');

/** @typedef {{ type: vscode.FileType, ctime: number, mtime: number, data?: Uint8Array }} Entry */

/** @param {vscode.ExtensionContext} context */
exports.activate = (context) => {
  const memfs = new MemFs();
  const seed = process.env.AGENT_CHAT_TEST_MEMFS_SEED;
  if (seed) memfs.seed(seed);
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider('memfs', memfs, { isCaseSensitive: true }));
};

/** @implements {vscode.FileSystemProvider} */
class MemFs {
  constructor() {
    /** @type {Map<string, Entry>} */
    this.entries = new Map([['/', directory()]]);
    this.changes = new vscode.EventEmitter();
    this.onDidChangeFile = this.changes.event;
  }

  /** Copies the folder `root` of this disk into memory under the same path (its parents become folders). */
  seed(root) {
    let parent = '/';
    for (const part of root.split('/').filter(Boolean)) {
      parent = path.posix.join(parent, part);
      this.entries.set(parent, directory());
    }
    for (const name of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      const from = path.join(root, name);
      const to = path.posix.join(root, name);
      this.entries.set(to, fs.statSync(from).isDirectory() ? directory() : file(fs.readFileSync(from)));
    }
  }

  watch() {
    return new vscode.Disposable(() => {});
  }

  stat(uri) {
    const entry = this.entry(uri);
    return { type: entry.type, ctime: entry.ctime, mtime: entry.mtime, size: entry.data ? entry.data.byteLength : 0 };
  }

  readDirectory(uri) {
    const dir = this.directoryAt(uri);
    const prefix = dir === '/' ? '/' : `${dir}/`;
    const children = [];
    for (const [p, entry] of this.entries) {
      if (p !== dir && p.startsWith(prefix) && !p.slice(prefix.length).includes('/')) children.push([p.slice(prefix.length), entry.type]);
    }
    return children;
  }

  readFile(uri) {
    const entry = this.entry(uri);
    if (!entry.data) throw vscode.FileSystemError.FileIsADirectory(uri);
    return entry.data;
  }

  writeFile(uri, content, options) {
    const existing = this.entries.get(uri.path);
    if (existing?.type === vscode.FileType.Directory) throw vscode.FileSystemError.FileIsADirectory(uri);
    if (!existing && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (existing && options.create && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    this.directoryAt(uri.with({ path: path.posix.dirname(uri.path) }));
    this.entries.set(uri.path, { ...file(content), ctime: existing?.ctime ?? Date.now() });
    this.changes.fire([{ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  createDirectory(uri) {
    this.directoryAt(uri.with({ path: path.posix.dirname(uri.path) }));
    if (this.entries.has(uri.path)) throw vscode.FileSystemError.FileExists(uri);
    this.entries.set(uri.path, directory());
    this.changes.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  delete(uri) {
    this.entry(uri);
    for (const p of [...this.entries.keys()]) if (p === uri.path || p.startsWith(`${uri.path}/`)) this.entries.delete(p);
    this.changes.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(oldUri, newUri, options) {
    this.entry(oldUri);
    if (this.entries.has(newUri.path) && !options.overwrite) throw vscode.FileSystemError.FileExists(newUri);
    const from = oldUri.path;
    for (const [p, entry] of [...this.entries]) {
      if (p !== from && !p.startsWith(`${from}/`)) continue;
      this.entries.delete(p);
      this.entries.set(newUri.path + p.slice(from.length), entry);
    }
    this.changes.fire([
      { type: vscode.FileChangeType.Deleted, uri: oldUri },
      { type: vscode.FileChangeType.Created, uri: newUri },
    ]);
  }

  /** @returns {Entry} */
  entry(uri) {
    const entry = this.entries.get(uri.path === '' ? '/' : uri.path);
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }

  /** The path of the folder `uri`, which must exist. */
  directoryAt(uri) {
    if (this.entry(uri).type !== vscode.FileType.Directory) throw vscode.FileSystemError.FileNotADirectory(uri);
    return uri.path === '' ? '/' : uri.path;
  }
}

function directory() {
  return { type: vscode.FileType.Directory, ctime: Date.now(), mtime: Date.now() };
}

/** @param {Uint8Array} data */
function file(data) {
  return { type: vscode.FileType.File, ctime: Date.now(), mtime: Date.now(), data: new Uint8Array(data) };
}
