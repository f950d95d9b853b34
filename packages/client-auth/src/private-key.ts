/**
 * Reads a PEM private key for `private_key_jwt` client authentication (RFC 7523 §2.2), with jose,
 * in any runtime.
 */
import { importPKCS8 } from 'jose';
import { AuthError } from './errors.js';

/**
 * The `CryptoKey` of a PKCS #8 PEM private key, for the JWS algorithm `alg` (ES256, RS256, ...).
 *
 * @throws AuthError `invalid_configuration` when the PEM cannot be read (the message never
 *   contains the key)
 */
export async function importPrivateKey(pem: string, alg: string): Promise<CryptoKey> {
  try {
    return await importPKCS8(pem, alg);
  } catch {
    throw new AuthError('invalid_configuration', `The private key is not a PKCS #8 PEM key for ${alg}`);
  }
}
