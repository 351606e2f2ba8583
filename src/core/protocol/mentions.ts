// How an @mention is spelled, shared by the host (routing a message) and the page (the composer's
// agent picker), so both read a message the same way. A mention is "@name" at a word boundary, not
// inside an e-mail address or a path, nor inside code (`@qa` in backticks or a fence addresses nobody).
const mentionPattern = /(?<![\w@./\\-])@([A-Za-z][\w-]*)/g;

export function findMentions(text: string): string[] {
  const names: string[] = [];
  for (const match of withoutCode(text).matchAll(mentionPattern)) {
    // "@backend-" at the end of a sentence: the hyphen is punctuation, not part of the name.
    names.push(match[1]!.replace(/-+$/, '').toLowerCase());
  }
  return names;
}

function withoutCode(text: string): string {
  return text.replace(/```[\s\S]*?(```|$)|~~~[\s\S]*?(~~~|$)|`[^`\n]*`/g, ' ');
}
