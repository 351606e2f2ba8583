// The chat page's own user-facing strings, in English: the page shows them through `localize` (webview/localize.ts),
// and the host hands it their translations (vscode.l10n.t) in the page's HTML. `{0}`, `{1}`… are filled in by the
// page. A string is its own key, as in VS Code's l10n bundles, so a translation made for VS Code fits as it is.
// No VS Code API here: the page imports this file (only its types and the two small helpers, not the list).

/** Every string the page may show, grouped by the file that shows it. */
export const pageStrings = [
  // answer-parts.ts
  'Store a valid key, or switch to another provider.',
  'Set API Key',
  'Switch Provider',
  'Select Model',
  'Retry',
  'Retry now',
  'Retry in {0} s.',
  'Retrying in {0} s… · attempt {1} of {2}',
  'Retrying in {0} s… · attempt {1}',
  'Cancel',
  'Suggested hand-off to @{0}',
  'Runs in {0} s',
  'Run now',
  'Dismiss',
  // approval-bar.ts
  'Approve',
  'Reject',
  'Show',
  'Waiting for your approval',
  'A change',
  '{0} waits for your approval',
  // approval-card.ts
  'What should the agent do instead?',
  'Reason for rejecting',
  'Run',
  '{0} (Ctrl+Enter)',
  'Always allow',
  'Open Diff',
  'Reject with feedback…',
  'Run {0}',
  '1 line added',
  '{0} lines added',
  '1 line removed',
  '{0} lines removed',
  // attachments.ts
  'Attached context',
  '{0} is already attached',
  'At most {0} items can be attached to one message',
  'Attached {0}',
  'Removed {0}',
  'Remove {0}',
  // change-summary.ts
  ' and {0} more',
  '1 change',
  '{0} changes',
  'Undo {0}',
  'Undo {0} (restores what this answer changed)',
  'Undo',
  'Open the changes in a diff editor',
  'Review',
  'Changed files',
  '1 file changed',
  '{0} files changed',
  // composer.ts
  'Message',
  'Ask the team… (@ to pick an agent)',
  'Agent',
  'Who answers',
  'Change the model',
  'Context',
  'Compose message',
  'Model: {0}. Change the model',
  'Do not tell the agents about {0}',
  'Remove',
  'The agents know you have {0} open',
  'Stop',
  'Send',
  'Stop the answer (Esc)',
  'Send (Enter)',
  'Not sent: no model provider is set up yet. Your message is kept here; set one up above, then send again.',
  // conversation-list.ts
  'Conversations',
  'Search conversations',
  'Past conversations',
  'No conversation matches.',
  'No conversations yet.',
  'Open "{0}"',
  'Rename',
  'Export to Markdown',
  'Delete',
  'just now',
  '{0} min ago',
  '{0} h ago',
  'yesterday',
  '{0} days ago',
  // empty-chat.ts
  'Explain how this workspace is organised',
  '@qa Write tests for the file I have open',
  '@backend Review the error handling in src',
  '@devops Add a CI workflow that runs the tests',
  'Start a conversation',
  'Ask the team',
  'Type a message, or @ to choose who answers. Changes to files wait for your approval.',
  'Agents',
  'Example prompts',
  'Put this in the message box',
  // file-link.ts
  'Open {0}',
  // markdown/code-toolbar.ts
  'Copy',
  'Insert at Cursor',
  'Apply to File',
  'Wrap Long Lines',
  'Some lines are cut off: scroll sideways, or wrap them',
  // message-view.ts
  'You',
  'Earlier messages summarised',
  '{0} says',
  'The answer was cut off at the token limit.',
  'Continue',
  'Show the answer of @{0} that handed over',
  'handed over by ',
  // reference-complete.ts
  'A file of the workspace',
  "The editor's selected lines",
  'Errors and warnings from the Problems panel',
  "The last terminal command's output",
  'Context to attach',
  // sent-attachments.ts
  'Context sent with this message',
  'Open file {0}',
  'Open selection {0}',
  // setup-view.ts
  'Welcome to Agent Chat',
  'Anthropic key',
  "Claude models; kept in VS Code's secret storage",
  'OpenAI key',
  'GPT models, or a compatible server',
  'Use Ollama',
  'Found at {0}',
  'Not running at {0}',
  'A local model server',
  '{0} Choose how the agents reach a model:',
  'Other ways',
  '{0} available · plans that count requests count each tool round',
  'Use a model from VS Code',
  'Get started with a short walkthrough',
  'New here? ',
  // transcript.ts
  'Conversation',
  'Jump to latest',
  '@{0} is answering',
  'Error: {0}',
  'the answer failed',
  '@{0} stopped',
  '@{0} finished answering',
  // usage-view.ts
  ' · price unknown',
  'Tokens for this answer ({0}): {1}',
  'Tokens for this answer: {0}',
  ' · from here on the model reads a summary instead of the 1 message above (you still see them all).',
  ' · from here on the model reads a summary instead of the {0} messages above (you still see them all).',
  'Context used by the next request',
  'This conversation so far: {0}',
  ' (some answers have no known price)',
  'Σ {0} tokens',
  "Next request ≈ {0} of {1} tokens in the model's window; compacts above {2}.",
  ' context',
  // exec-output.ts
  'exit code {0}',
  'no exit code',
  'Show what the tool returned',
  'Result',
  'Output',
  'Open full output',
  // tool-call-view.ts
  'preparing',
  'queued',
  'waiting for your approval',
  'running',
  'done',
  'failed',
  'rejected',
  'not run',
  'Tool',
  'Read',
  'List',
  'Write',
  'Edit',
  'Create directory',
  'Read 1 file',
  'Read {0} files',
  'Looked at the workspace ({0} steps)',
  // main.ts
  'Agent Chat',
  // lazy-markdown.ts
  'Formatting could not be loaded: answers are shown as plain text. Reopening the chat may help.',
  // core/protocol/attachments.ts and usage-text.ts, formatted on the page through `pageTranslate` (localize.ts)
  'File',
  'Selection',
  'Problems',
  'Terminal output',
  'file',
  'selection',
  '{0} in',
  '{0} out',
  '{0} read from cache',
  '{0} written to cache',
  '{0} uncached',
] as const;

export type PageString = (typeof pageStrings)[number];

/** The id of the element holding the translations in the page (absent when there are none, as in English). */
export const pageTranslationsId = 'page-translations';

/** The translations that differ from the English, so an English page carries none. */
export function pageTranslations(translate: (english: PageString) => string): Record<string, string> {
  const changed = pageStrings.map((english) => [english, translate(english)] as const).filter(([english, text]) => text !== english);
  return Object.fromEntries(changed);
}

/** `text` with each `{n}` replaced by `args[n]` (one pass: a filled-in value is never read again); unknown ones stay. */
export function formatText(text: string, args: readonly (string | number)[]): string {
  return args.length === 0 ? text : text.replace(/\{(\d+)\}/g, (whole, n: string) => (Number(n) < args.length ? String(args[Number(n)]) : whole));
}
