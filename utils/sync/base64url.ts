/** Base64url without padding (RFC 4648 §5), for keys and sealed texts. */

export function toBase64Url(bytes: Uint8Array): string {
  // In chunks: one String.fromCharCode per chunk, not a string grown one byte at a time.
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x2000)
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x2000) as unknown as number[]);
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The bytes, or null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bin = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  // A plain loop: `Uint8Array.from(bin, mapFn)` cost a whole workspace's first sync a third of its time.
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
