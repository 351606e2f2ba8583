// A pseudo-translation for the localisation tests: every letter of the English a translator is asked for becomes an
// accented one, so a word of plain ASCII English left in the output is text that skipped the translator.
import { formatText } from '../../../src/core/protocol/page-strings';
import type { Translate } from '../../../src/core/protocol/translate';

const accented: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', y: 'ý', c: 'ç', n: 'ñ', s: 'š', z: 'ž' };

/** Every ASCII letter of the English (not of the arguments) made non-ASCII, as a translation would change it. */
export const pseudo: Translate = (message, ...args) => formatText(message.replace(/[A-Za-z]/g, (ch) => accented[ch.toLowerCase()] ?? `${ch}\u0301`), args);

/** English words (two or more ASCII letters) in `text` once the data the test put in is taken out. */
export function englishLeft(text: string, data: readonly string[] = []): string[] {
  const rest = data.reduce((t, d) => t.split(d).join(' '), text);
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}
