import { InvalidParamsError, UnsupportedProtocolVersionError } from '@tern/jsonrpc';
import {
  ClientCapabilitiesSchema,
  ImplementationSchema,
  LoggingLevelSchema,
  MetaKey,
} from '@tern/schema';
import type { ClientCapabilities, Implementation, LoggingLevel, ProgressToken } from '@tern/schema';
import { safeParse, type ZodSchema } from '../shared/zod.js';
import { plainCapabilities, plainImplementation } from '../shared/fast-checks.js';
import { formatZodIssues } from '../shared/schema-validator.js';

/** What one request says about its client in `params._meta`. */
export interface RequestEnvelope {
  protocolVersion: string;
  capabilities: ClientCapabilities;
  clientInfo: Implementation | undefined;
  logLevel: LoggingLevel | undefined;
  progressToken: ProgressToken | undefined;
  /**
   * The request's other `_meta` keys (`traceparent`, vendor and extension keys), as sent: every
   * key except the five that the core reads itself. Frozen; shared and empty when there are none.
   * Envelopes built by other layers (the dual-era layer) may leave it out: handlers then see none.
   */
  meta?: Readonly<Record<string, unknown>>;
}

/** The `_meta` keys the core reads into the envelope; every other key reaches `ctx.meta`. */
const ENVELOPE_KEYS: ReadonlySet<string> = new Set([
  MetaKey.ProtocolVersion,
  MetaKey.ClientCapabilities,
  MetaKey.ClientInfo,
  MetaKey.LogLevel,
  MetaKey.ProgressToken,
]);

/** The `_meta` of a request that carries no custom keys. */
export const NO_CUSTOM_META: Readonly<Record<string, unknown>> = Object.freeze(Object.create(null) as Record<string, unknown>);

/** The custom keys of a request's `_meta`, copied into a frozen prototype-less object. */
export function customMeta(fields: Record<string, unknown>): Readonly<Record<string, unknown>> {
  let custom: Record<string, unknown> | undefined;
  for (const key of Object.keys(fields)) {
    if (ENVELOPE_KEYS.has(key)) continue;
    custom ??= Object.create(null) as Record<string, unknown>;
    custom[key] = fields[key];
  }
  return custom === undefined ? NO_CUSTOM_META : Object.freeze(custom);
}

/**
 * Reads and checks the per-request `_meta` of a 2026-07-28 request. Nothing is taken from earlier
 * requests (requirements.md #20, #251).
 *
 * @throws InvalidParamsError (-32602) when `protocolVersion` or `clientCapabilities` is missing
 *   or malformed (#35), or `logLevel`/`progressToken` is invalid (#199)
 * @throws UnsupportedProtocolVersionError (-32022) for a version this server does not speak (#45)
 */
export function readRequestMeta(
  params: Record<string, unknown> | undefined,
  supportedVersions: readonly string[],
  listedVersions: readonly string[] = supportedVersions,
): RequestEnvelope {
  const meta = params?.['_meta'];
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw new InvalidParamsError(`Missing params._meta with "${MetaKey.ProtocolVersion}" and "${MetaKey.ClientCapabilities}"`);
  }
  const fields = meta as Record<string, unknown>;
  const protocolVersion = fields[MetaKey.ProtocolVersion];
  if (typeof protocolVersion !== 'string') {
    throw new InvalidParamsError(`Missing or invalid _meta["${MetaKey.ProtocolVersion}"]`);
  }
  if (!supportedVersions.includes(protocolVersion)) {
    // `listedVersions` holds what `server/discover` lists (a dual-era server adds the versions it
    // serves through `initialize`): `data.supported` says the same, and the message tells a
    // client that asked for one of those how to reach it (docs/concepts.md, "Protocol versions").
    const message = listedVersions.includes(protocolVersion)
      ? `Protocol version ${protocolVersion} is served here only through an initialize handshake (a session); requests with per-request _meta must use ${supportedVersions.join(' or ')}`
      : undefined;
    throw new UnsupportedProtocolVersionError(
      protocolVersion,
      [...listedVersions],
      message === undefined ? {} : { message },
    );
  }
  return {
    protocolVersion,
    capabilities: readCapabilities(fields[MetaKey.ClientCapabilities]),
    clientInfo: readClientInfo(fields[MetaKey.ClientInfo]),
    logLevel: readOptional(fields[MetaKey.LogLevel], MetaKey.LogLevel, LoggingLevelSchema),
    progressToken: readProgressToken(fields[MetaKey.ProgressToken]),
    meta: customMeta(fields),
  };
}

function readCapabilities(value: unknown): ClientCapabilities {
  const plain = plainCapabilities(value);
  if (plain !== undefined) return plain;
  const capabilities = ClientCapabilitiesSchema.safeParse(value);
  if (value === undefined || !capabilities.success) {
    throw new InvalidParamsError(`Missing or invalid _meta["${MetaKey.ClientCapabilities}"]`);
  }
  return capabilities.data;
}

function readClientInfo(value: unknown): Implementation | undefined {
  return plainImplementation(value) ?? readOptional(value, MetaKey.ClientInfo, ImplementationSchema);
}

function readOptional<TValue>(
  value: unknown,
  key: string,
  schema: ZodSchema<TValue>,
): TValue | undefined {
  if (value === undefined) return undefined;
  const parsed = safeParse(schema, value);
  if (parsed.success) return parsed.data;
  throw new InvalidParamsError(`Invalid _meta["${key}"]: ${formatZodIssues(parsed.error)}`);
}

function readProgressToken(value: unknown): ProgressToken | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' || Number.isSafeInteger(value)) return value as ProgressToken;
  throw new InvalidParamsError('Invalid _meta.progressToken: it must be a string or an integer');
}
