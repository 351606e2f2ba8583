// A workspace file's folders, read from the file (history is keyed by the first one when VS Code has not
// given the extension host the folders), and the JSON-with-comments reading it shares with mcp.json.
import assert from 'node:assert/strict';
import { folderEntries } from '../../../src/core/history/workspace-file';
import { parseJsonc } from '../../../src/core/jsonc';

describe('a workspace file read for its folders', () => {
  it('lists the entries as written, in order: a path or a URI', () => {
    assert.deepEqual(folderEntries('{"folders":[{"path":"/abs/one"},{"path":"two"}]}'), [{ path: '/abs/one' }, { path: 'two' }]);
    assert.deepEqual(folderEntries('{"folders":[{"uri":"vscode-vfs://github/x/y","name":"y"}]}'), [{ uri: 'vscode-vfs://github/x/y' }]);
  });

  it('reads a file as VS Code writes and users edit it: comments, trailing commas, a byte-order mark', () => {
    const text = `\uFEFF{
      // the app first
      "folders": [
        { "path": "app", /* its server */ },
        { "path": "docs" },
      ],
      "settings": { "files.exclude": { "**/*.js": true, }, },
    }`;
    assert.deepEqual(folderEntries(text)[0], { path: 'app' });
  });

  it('skips the entries VS Code skips, so the first usable one comes first', () => {
    const text = JSON.stringify({ folders: [null, 'x', { name: 'no place' }, { path: '' }, { path: '', uri: 'file:///skipped' }, { path: 'p', name: 3 }, { path: 3 }, { uri: 'file:///used' }] });
    assert.deepEqual(folderEntries(text), [{ uri: 'file:///used' }]);
  });

  it('gives nothing for a file with no folders or one that is not a workspace', () => {
    for (const text of ['', '{', 'null', '[]', '{"folders":[]}', '{"folders":{}}', '{"folders":[null]}']) {
      assert.deepEqual(folderEntries(text), [], text);
    }
  });
});

describe('JSON with comments', () => {
  it('leaves strings alone: slashes, an escaped quote, and a comma before a brace inside one', () => {
    const value = parseJsonc('{"url":"http://x/*y*/", "q":"a\\"//b", "s":"1,}", "n":[1,2,], // end\n}');
    assert.deepEqual(value, { url: 'http://x/*y*/', q: 'a"//b', s: '1,}', n: [1, 2] });
  });

  it('drops a trailing comma followed by a comment', () => {
    assert.deepEqual(parseJsonc('[1, // last\n]'), [1]);
    assert.deepEqual(parseJsonc('[1, /* last */ ]'), [1]);
  });

  it('throws on what is not JSON with comments: a comment does not join what it separates, and must be closed', () => {
    assert.throws(() => parseJsonc('{"a": }'), SyntaxError);
    assert.throws(() => parseJsonc('[1/**/2]'), SyntaxError);
    assert.throws(() => parseJsonc('{"a": 1} /* unclosed'), SyntaxError);
  });
});
