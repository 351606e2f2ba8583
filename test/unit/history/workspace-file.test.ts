// A workspace file's first folder, read from the file (history is keyed by it when VS Code has not
// given the extension host the folders), and the JSON-with-comments reading it shares with mcp.json.
import assert from 'node:assert/strict';
import { firstFolderEntry } from '../../../src/core/history/workspace-file';
import { parseJsonc } from '../../../src/core/jsonc';

describe('a workspace file read for its first folder', () => {
  it('takes the first entry as written: a path or a URI', () => {
    assert.deepEqual(firstFolderEntry('{"folders":[{"path":"/abs/one"},{"path":"two"}]}'), { path: '/abs/one' });
    assert.deepEqual(firstFolderEntry('{"folders":[{"path":"../one"}]}'), { path: '../one' });
    assert.deepEqual(firstFolderEntry('{"folders":[{"uri":"vscode-vfs://github/x/y","name":"y"}]}'), { uri: 'vscode-vfs://github/x/y' });
  });

  it('reads a file as VS Code writes and users edit it: comments and trailing commas', () => {
    const text = `{
      // the app first
      "folders": [
        { "path": "app", /* its server */ },
        { "path": "docs" },
      ],
      "settings": { "files.exclude": { "**/*.js": true, }, },
    }`;
    assert.deepEqual(firstFolderEntry(text), { path: 'app' });
  });

  it('gives nothing for a file with no folders or one that is not a workspace', () => {
    for (const text of ['', '{', 'null', '[]', '{"folders":[]}', '{"folders":{}}', '{"folders":[null]}', '{"folders":[{"path":""}]}', '{"folders":[{"name":"x"}]}', '{"folders":[{"path":3}]}']) {
      assert.equal(firstFolderEntry(text), undefined, text);
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
  });

  it('throws on what is not JSON with comments', () => {
    assert.throws(() => parseJsonc('{"a": }'), SyntaxError);
    assert.throws(() => parseJsonc('{"a": 1 /* unclosed'), SyntaxError);
  });
});
