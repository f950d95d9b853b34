/**
 * The one error of `@tern/client-auth`. It is a local {@link SdkError} (code
 * `AUTHORIZATION_FAILED`): it never crosses the wire. Its message says which step failed and why;
 * it never carries a token, a secret, a code or a code verifier.
 */
import { SdkError, SdkErrorCode } from '@tern/core-protocol';

/** What failed, as a stable string to branch on. */
export type AuthErrorReason =
  /** A URL is not `https:` (and not a loopback `http:` URL when those are allowed). */
  | 'insecure_url'
  /** No protected resource metadata could be found or read. */
  | 'resource_metadata'
  /** The protected resource metadata names another resource than the one requested. */
  | 'resource_mismatch'
  /** No authorization server metadata could be found or read. */
  | 'server_metadata'
  /** The authorization server metadata has another `issuer` than the one it was fetched for. */
  | 'issuer_mismatch'
  /** The authorization server does not support PKCE with S256. */
  | 'pkce_unsupported'
  /** No client identity: nothing pre-registered, no CIMD support, no registration endpoint. */
  | 'no_client'
  /** Dynamic client registration failed. */
  | 'registration_failed'
  /** The `authorize` handler failed (the person closed the browser, the wait timed out). */
  | 'interaction_failed'
  /** The user or the authorization server refused (`error` in the authorization response). */
  | 'access_denied'
  /** The authorization response is invalid (state, `iss` parameter, missing code). */
  | 'invalid_authorization_response'
  /** The token endpoint refused or answered without a usable token. */
  | 'token_request_failed'
  /** The server kept refusing after the allowed number of authorizations. */
  | 'too_many_attempts'
  /** The server asked for scopes the authorization server would not grant. */
  | 'insufficient_scope'
  /** A request was redirected to another origin. */
  | 'cross_origin_redirect'
  /** The provider was configured in a way it cannot work with. */
  | 'invalid_configuration';

/** Thrown by `OAuthProvider` and the flows of this package. */
export class AuthError extends SdkError {
  override readonly name: string = 'AuthError';
  readonly reason: AuthErrorReason;

  constructor(reason: AuthErrorReason, message: string, options: { cause?: unknown } = {}) {
    super(SdkErrorCode.AuthorizationFailed, message, {
      data: { reason },
      cause: options.cause,
    });
    this.reason = reason;
  }
}

/** True when `value` is an {@link AuthError}, also across duplicate installs. */
export function isAuthError(value: unknown): value is AuthError {
  if (value instanceof AuthError) return true;
  return (
    value instanceof Error &&
    value.name === 'AuthError' &&
    typeof (value as { reason?: unknown }).reason === 'string'
  );
}

/**
 * A short, secret-free description of an error thrown by oauth4webapi or fetch: its class, its
 * code, and the OAuth `error` code of a response body. Never the body or the message text, which
 * may echo request parameters.
 */
export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  const oauthError = (error as { error?: unknown }).error;
  const parts = [error.name];
  if (typeof code === 'string') parts.push(code);
  if (typeof oauthError === 'string') parts.push(`error=${oauthError}`);
  return parts.join(' ');
}
