// The page's user-facing text: English in the code, replaced by the translation the host wrote into the page, if any.
import { formatText, pageTranslationsId, type PageString } from '../core/protocol/page-strings';
import type { Translate } from '../core/protocol/translate';

let translations: ReadonlyMap<string, string> | undefined;

/** Read once, on first use: the element comes before the page's script, so it is there whenever this runs. */
function loaded(): ReadonlyMap<string, string> {
  if (translations) return translations;
  let written: unknown;
  try {
    written = JSON.parse(document.getElementById(pageTranslationsId)?.textContent ?? '{}');
  } catch {
    written = {};
  }
  const entries = written && typeof written === 'object' ? Object.entries(written) : [];
  translations = new Map(entries.filter((e): e is [string, string] => typeof e[1] === 'string'));
  return translations;
}

/** `english` in the user's language when the host gave a translation, with `{0}`, `{1}`… filled from `args`. */
export function localize(english: PageString, ...args: (string | number)[]): string {
  return formatText(loaded().get(english) ?? english, args);
}

/**
 * `localize` as core's translator, for text core formats for the page (attachment kinds, token lines): core's
 * strings are listed in the page's table like the page's own (a unit test keeps the two in step).
 */
export const pageTranslate: Translate = (english, ...args) => localize(english as PageString, ...args);
