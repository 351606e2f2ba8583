// A file's language from its name, for the fence of an attachment when no editor has it open.

const byExtension: Readonly<Record<string, string>> = {
  ts: 'typescript', tsx: 'typescriptreact', js: 'javascript', jsx: 'javascriptreact', mjs: 'javascript', cjs: 'javascript',
  json: 'json', jsonc: 'jsonc', md: 'markdown', py: 'python', rb: 'ruby', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin',
  c: 'c', h: 'c', cpp: 'cpp', cc: 'cpp', hpp: 'cpp', cs: 'csharp', php: 'php', swift: 'swift', sh: 'shellscript', bash: 'shellscript',
  zsh: 'shellscript', yml: 'yaml', yaml: 'yaml', toml: 'toml', xml: 'xml', html: 'html', css: 'css', scss: 'scss', sql: 'sql',
  vue: 'vue', svelte: 'svelte', txt: 'plaintext',
};

const byName: Readonly<Record<string, string>> = { dockerfile: 'dockerfile', makefile: 'makefile' };

export function languageOf(path: string): string | undefined {
  const name = path.split('/').pop()?.toLowerCase() ?? '';
  if (byName[name]) return byName[name];
  const dot = name.lastIndexOf('.');
  return dot > 0 ? byExtension[name.slice(dot + 1)] : undefined;
}
