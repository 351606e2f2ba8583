// Reads a fenced code block's info string: the language and, optionally, the file the code belongs to.
// Accepted conventions for the file (the host must still resolve it inside the workspace):
//   ```ts src/app.ts        language, space, path
//   ```ts:src/app.ts        language, colon, path
//   ```ts path=src/app.ts   also file= and title=, optionally quoted
// A path must look like one (contain "/", "\" or ".", no spaces), so `js {1,3}` or `bash session` are not paths.

export interface CodeInfo {
  lang: string;
  path?: string;
}

const pathLike = /^(?!-)[\w@~+\-.\\/:]{1,300}$/;

export function parseCodeInfo(info: string | undefined): CodeInfo {
  const words = (info ?? '').trim().split(/\s+/);
  let lang = words[0] ?? '';
  let path: string | undefined;
  const colon = lang.indexOf(':');
  if (colon > 0) {
    path = lang.slice(colon + 1);
    lang = lang.slice(0, colon);
  } else if (words[1]) {
    path = words[1].replace(/^(?:path|file|title)=/, '').replace(/^(["'])(.*)\1$/, '$2');
  }
  return path !== undefined && isPath(path) ? { lang, path } : { lang };
}

function isPath(path: string): boolean {
  return pathLike.test(path) && /[./\\]/.test(path) && !/^\.+$/.test(path);
}
