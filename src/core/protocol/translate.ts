// The seam through which text made in core reaches the user in their language: core functions take a `Translate`,
// the host passes vscode.l10n.t, the page its strings table (webview/localize.ts); by default the English stays.
import { formatText } from './page-strings';

/** `message` (English, its own key, as in VS Code's l10n bundles) in the user's language, `{0}`, `{1}`… filled from `args`. */
export type Translate = (message: string, ...args: (string | number)[]) => string;

/** No translation: the English with its placeholders filled, exactly as before the seam existed. */
export const inEnglish: Translate = (message, ...args) => formatText(message, args);
