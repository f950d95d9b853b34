import { randomBytes } from 'node:crypto';
import type { RequestStateKey } from '@tern/core-protocol';

/** The demo server's settings, read from the environment. */
export interface DemoConfig {
  /** TCP port; 0 picks a free one. Default 3030. */
  port: number;
  /**
   * Ports of the browser client's own servers (apps/web-client: `vite` on 5173, `vite preview` on
   * 4173), allowed as Host and Origin: they proxy /mcp here and keep the browser's headers.
   */
  webClientPorts: number[];
  /** The `requestState` key ring. */
  stateKeys: RequestStateKey[];
  /** Whether the keys came from `TERN_STATE_KEYS` or were generated for this process. */
  stateKeysFrom: 'env' | 'generated';
  /** More `Host` values to accept (a proxy's name), from `DEMO_ALLOWED_HOSTS`. */
  extraHosts: string[];
  /** More browser origins to accept, from `DEMO_ALLOWED_ORIGINS`. */
  extraOrigins: string[];
  /**
   * Authorization mode (`DEMO_AUTH=1`): /mcp needs a bearer token from a local development
   * authorization server started next to the demo on `authPort` (`DEMO_AUTH_PORT`, default 3031).
   */
  auth: { port: number } | undefined;
  /** Where the built browser client is (`DEMO_WEB_CLIENT_DIR`); default: the web client's `dist/`. */
  webClientDir: string | undefined;
}

/** A setting that cannot be used; `main.ts` prints it and exits with status 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the configuration.
 *
 * - `PORT` (default 3030); `WEB_CLIENT_PORTS` (default `5173,4173`).
 * - `TERN_STATE_KEYS`: `id:secret[,id:secret…]`, each secret base64 of 32+ random bytes; the first
 *   key seals, all of them open (rotation: put the new key first). Without it a random key is
 *   generated for this process, which is right for one instance and refused when
 *   `NODE_ENV=production`.
 * - `DEMO_ALLOWED_HOSTS`, `DEMO_ALLOWED_ORIGINS`: comma-separated additions to the allow-lists.
 * - `DEMO_AUTH`, `DEMO_AUTH_PORT`: authorization mode; `DEMO_WEB_CLIENT_DIR`: another build of the
 *   browser client to serve at /app/ (a test's fresh build).
 *
 * @throws ConfigError for a value that cannot be used
 */
export function readConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const keys = parseStateKeys(env['TERN_STATE_KEYS']);
  if (keys === undefined && env['NODE_ENV'] === 'production') {
    throw new ConfigError('TERN_STATE_KEYS must be set in production (see docs/deployment.md)');
  }
  return {
    port: parsePort('PORT', env['PORT'], 3030),
    webClientPorts: list(env['WEB_CLIENT_PORTS'] ?? '5173,4173').map((value) =>
      parsePort('WEB_CLIENT_PORTS', value, 0),
    ),
    stateKeys: keys ?? [{ id: 'dev', secret: randomBytes(32).toString('base64') }],
    stateKeysFrom: keys === undefined ? 'generated' : 'env',
    extraHosts: list(env['DEMO_ALLOWED_HOSTS']),
    extraOrigins: list(env['DEMO_ALLOWED_ORIGINS']),
    auth: parseFlag('DEMO_AUTH', env['DEMO_AUTH'])
      ? { port: parsePort('DEMO_AUTH_PORT', env['DEMO_AUTH_PORT'], 3031) }
      : undefined,
    webClientDir: env['DEMO_WEB_CLIENT_DIR'] === '' ? undefined : env['DEMO_WEB_CLIENT_DIR'],
  };
}

function parseFlag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0, got "${value}"`);
}

/**
 * The `Host` values the demo answers to when it listens on `port`: its own, and the web client's
 * dev servers, whose proxy keeps the browser's `Host`. Never a blanket "any localhost port".
 */
export function allowedHostsFor(config: DemoConfig, port: number): string[] {
  return [
    ...localPorts(config, port).flatMap((p) => [`127.0.0.1:${p}`, `localhost:${p}`]),
    ...config.extraHosts,
  ];
}

/** The browser origins that may call /mcp: the demo's own pages (/app/) and the web client's servers. */
export function allowedOriginsFor(config: DemoConfig, port: number): string[] {
  return [
    ...localPorts(config, port).flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]),
    ...config.extraOrigins,
  ];
}

function localPorts(config: DemoConfig, port: number): number[] {
  return [...new Set([port, ...config.webClientPorts])];
}

function parsePort(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

function parseStateKeys(value: string | undefined): RequestStateKey[] | undefined {
  const entries = list(value);
  if (entries.length === 0) return undefined;
  return entries.map((entry) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new ConfigError('TERN_STATE_KEYS entries look like "id:base64secret"');
    // The core checks the id pattern and the secret's length when the server starts.
    return { id: entry.slice(0, colon), secret: entry.slice(colon + 1) };
  });
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
