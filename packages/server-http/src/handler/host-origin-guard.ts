/**
 * DNS-rebinding protection: the `Host` and `Origin` allow-lists (ST §2, requirements.md #100,
 * security checklist A1-A4). Both default to localhost and fail closed: an empty list means the
 * default, and only the explicit `'any'` turns a check off.
 */
import { InvalidRequestError } from '@tern/jsonrpc';
import { usageError } from '@tern/jsonrpc';
import type { HttpRequestInfo } from '../exchange.js';
import { McpHttpError } from '../mcp-http-error.js';

const LOCAL_HOSTNAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];
const ANY_PORT = '';

/** A host and port as written in a `Host` header; `port` is `''` when absent. */
interface HostAndPort {
  readonly hostname: string;
  readonly port: string;
}

// A reg-name or IPv4 address (RFC 3986 unreserved and sub-delims, percent signs), then a port.
const HOST_PATTERN = /^([a-z0-9\-._~!$&'()*+,;=%]+)(?::(\d{1,5}))?$/;
// A bracketed IPv6 (or IPvFuture) literal, then a port.
const IPV6_HOST_PATTERN = /^(\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;

/** Parses `host[:port]`; `undefined` for anything else (userinfo, paths, spaces, empty). */
export function parseHost(value: string): HostAndPort | undefined {
  const lower = value.toLowerCase();
  const match = HOST_PATTERN.exec(lower) ?? IPV6_HOST_PATTERN.exec(lower);
  if (match === null) return undefined;
  return { hostname: match[1] ?? '', port: match[2] ?? ANY_PORT };
}

/** Hostname → ports allowed for it (`ANY_PORT` among them means every port). */
type HostList = ReadonlyMap<string, ReadonlySet<string>>;

function toHostList(entries: readonly string[]): HostList {
  const list = new Map<string, Set<string>>();
  for (const entry of entries) {
    const parsed = parseHost(entry.trim());
    if (parsed === undefined)
      throw usageError(`allowedHosts: "${entry}" is not a host or host:port`);
    const ports = list.get(parsed.hostname) ?? new Set<string>();
    ports.add(parsed.port);
    list.set(parsed.hostname, ports);
  }
  return list;
}

function toOriginList(entries: readonly string[]): ReadonlySet<string> {
  const list = new Set<string>();
  for (const entry of entries) {
    let origin: string;
    try {
      origin = new URL(entry).origin;
    } catch (error) {
      throw usageError(`allowedOrigins: "${entry}" is not a URL`, { cause: error });
    }
    if (origin === 'null') throw usageError(`allowedOrigins: "${entry}" has no origin`);
    list.add(origin);
  }
  return list;
}

function forbidden(what: string): McpHttpError {
  // The spec's 403 body is a JSON-RPC error without `id` (ST §2.1); the body was never read.
  return new McpHttpError(403, {
    error: new InvalidRequestError(`Forbidden: ${what} is not allowed`),
  });
}

/** Checks `Host` and `Origin` of a request against the configured allow-lists. @internal */
export class HostOriginGuard {
  readonly #hosts: HostList | undefined;
  readonly #origins: ReadonlySet<string> | 'local' | undefined;
  /**
   * The last `Host` value this guard allowed. The check is a pure function of the value, and a
   * client sends the same `Host` on every request, so that value is allowed again without being
   * parsed.
   */
  #allowedHost: string | undefined;

  /** @throws SdkError INVALID_USAGE for an entry that is not a host (or an origin) */
  constructor(
    allowedHosts: readonly string[] | 'any' | undefined,
    allowedOrigins: readonly string[] | 'any' | undefined,
  ) {
    this.#hosts =
      allowedHosts === 'any'
        ? undefined
        : toHostList(
            allowedHosts === undefined || allowedHosts.length === 0
              ? LOCAL_HOSTNAMES
              : allowedHosts,
          );
    this.#origins =
      allowedOrigins === 'any'
        ? undefined
        : allowedOrigins === undefined || allowedOrigins.length === 0
          ? 'local'
          : toOriginList(allowedOrigins);
  }

  /** @throws McpHttpError 403 when `Host` or `Origin` is not allowed */
  check(request: HttpRequestInfo): void {
    if (this.#hosts !== undefined && !this.#isHostAllowed(request.header('host')))
      throw forbidden('Host');
    const origin = request.header('origin');
    // An absent Origin is a non-browser client, which DNS rebinding cannot drive (ST §2.1).
    if (origin !== undefined && this.#origins !== undefined && !this.#isOriginAllowed(origin)) {
      throw forbidden('Origin');
    }
  }

  #isHostAllowed(value: string | undefined): boolean {
    if (value === undefined || this.#hosts === undefined) return false;
    if (value === this.#allowedHost) return true;
    const host = parseHost(value);
    if (host === undefined) return false;
    const ports = this.#hosts.get(host.hostname);
    const allowed = ports !== undefined && (ports.has(ANY_PORT) || ports.has(host.port));
    if (allowed) this.#allowedHost = value;
    return allowed;
  }

  #isOriginAllowed(value: string): boolean {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    // An Origin is exactly scheme://host[:port]; anything else (a path, userinfo, `null`) is not
    // one a browser sends, so it is refused rather than normalised into something allowed.
    if (url.origin === 'null' || url.origin !== value.toLowerCase()) return false;
    if (this.#origins === 'local') {
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        LOCAL_HOSTNAMES.includes(url.hostname)
      );
    }
    return this.#origins?.has(url.origin) === true;
  }
}
