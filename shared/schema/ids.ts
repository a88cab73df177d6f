const alphabet = 'abcdefghijkmnopqrstuvwxyz23456789';

/** Short random ids, safe in document names and URLs, made the same way in browsers and on the server. */
export function newId(length = 10): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
