// Data written into the chat page's HTML. Inside a <script> element the HTML parser ends the element
// at the first `</script` and treats `<!--` specially, whatever JSON says; escaping every `<` (the
// JSON string escape \u003c reads back as the same character) rules both out.
export const initialSnapshotId = 'initial-snapshot';

export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
