// How token counts and costs read, the same in the chat and in an export. Needs neither VS Code nor the DOM, so the page can use it.
import type { TokenUsage } from './chat-message';
import { inEnglish, type Translate } from './translate';

// Made on first use: building a number format loads locale data, which costs the extension's activation tens of ms.
const formats = new Map<string, Intl.NumberFormat>();
let pageLocale = 'en-US';

/**
 * The language counts are grouped in when the caller names none ("1,234" in English, "1.234" in German): the page
 * sets it from its `lang`. Only remembered here, so nothing loads locale data before a number is shown.
 */
export function useNumberLocale(language: string): void {
  pageLocale = language;
}

/** The format for `locale` with these options, made once; not a language tag: English rather than no number at all. */
function numberFormat(locale: string, style: 'grouped' | 'thousands' | 'millions' | 'tenths' = 'grouped'): Intl.NumberFormat {
  const key = `${style} ${locale}`;
  let format = formats.get(key);
  if (format) return format;
  // At most one decimal for thousands and two for millions, as before; no fixed minimum, which would give German
  // (whose short form does not shorten thousands) "13.000,0". The language picks the decimal mark and the unit.
  const options: Intl.NumberFormatOptions =
    style === 'grouped' ? {} : style === 'tenths' ? { minimumFractionDigits: 1, maximumFractionDigits: 1 } : { notation: 'compact', maximumFractionDigits: style === 'thousands' ? 1 : 2 };
  try {
    format = new Intl.NumberFormat(locale, options);
  } catch {
    format = new Intl.NumberFormat('en-US', options);
  }
  formats.set(key, format);
  return format;
}

/** "1,234" (grouped as `locale` groups), or "12.3K" / "1.25M" when `short` (German: "12.345" / "1,25 Mio.", French "12,3 k"). */
export function tokens(n: number, short = false, locale = pageLocale): string {
  if (!short || n < 10_000) return numberFormat(locale).format(n);
  return numberFormat(locale, n < 1_000_000 ? 'thousands' : 'millions').format(n);
}

/** A duration in seconds with one decimal, as `locale` writes it ("2.5" in English, "2,5" in German). */
export function secondsText(ms: number, locale = pageLocale): string {
  return numberFormat(locale, 'tenths').format(ms / 1000);
}

/** "$0.0123": small amounts keep their first significant digits. */
export function dollars(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 1) return `$${amount.toFixed(2)}`;
  return `$${amount.toPrecision(2).replace(/0+$/, '')}`;
}

/** Every prompt token, cached or not. */
export function inputTotal(u: TokenUsage): number {
  return u.inputTokens + (u.cacheReadTokens ?? 0) + (u.cacheWriteTokens ?? 0);
}

/**
 * "1,234 in · 56 out"; with the cache split and the cost in the long form; "≈" marks counts we estimated.
 * The words are in the user's language by `t`, the counts grouped as `locale` groups them.
 */
export function usageLine(u: TokenUsage, cost: number | undefined, long: boolean, t: Translate = inEnglish, locale?: string): string {
  const about = u.estimated ? '≈' : '';
  const count = (n: number, short = false) => tokens(n, short, locale);
  const parts = [t('{0} in', `${about}${count(inputTotal(u), !long)}`), t('{0} out', `${about}${count(u.outputTokens, !long)}`)];
  if (long && u.cacheReadTokens) parts.push(t('{0} read from cache', count(u.cacheReadTokens)));
  if (long && u.cacheWriteTokens) parts.push(t('{0} written to cache', count(u.cacheWriteTokens)));
  if (long && (u.cacheReadTokens || u.cacheWriteTokens)) parts.push(t('{0} uncached', count(u.inputTokens)));
  if (cost !== undefined) parts.push(dollars(cost));
  return parts.join(' · ');
}
