/**
 * A new task id: 128 random bits from the runtime's CSPRNG, base64url without padding (22
 * characters, safe as a plain `Mcp-Name` header value). Unguessable, so an id alone reveals
 * nothing and cannot be enumerated.
 */
export function mintTaskId(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
