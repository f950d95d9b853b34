/**
 * Mints a session id: 128 random bits from the platform's cryptographic generator, as 32 lower-case
 * hex digits (globally unique, cryptographically secure, visible ASCII only; 2025-11-25 transports,
 * "Session Management").
 */
export function createSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = '';
  for (const byte of bytes) id += byte.toString(16).padStart(2, '0');
  return id;
}
