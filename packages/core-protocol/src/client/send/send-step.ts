import type { ClientCapabilities } from '@tern/schema';
import type { McpHeaderParam } from '../../shared/x-mcp-header.js';
import type { InputHandlers } from '../input-handlers.js';
import type { CallOptions } from '../request-options.js';

/** One request on its way to the transport: its method, params without `_meta`, and settings. */
export interface OutgoingRequest {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly options: SendOptions;
}

/** What a request is sent with, besides the caller's {@link CallOptions}. */
export interface SendOptions extends CallOptions {
  /** `x-mcp-header` parameters of the tool being called, for transports that mirror them. */
  headerParams?: readonly McpHeaderParam[];
  /** The handlers that answer this call's input requests (per call, or the client's). */
  handlers?: InputHandlers;
  /** The capabilities this request declares (derived from {@link handlers}). */
  capabilities?: ClientCapabilities;
}

/** Sends a request and resolves with its raw result; throws a `JsonRpcError` for an error response. */
export type SendNext = (request: OutgoingRequest) => Promise<Record<string, unknown>>;

/**
 * One layer of the client's send pipeline (the shape of undici interceptors and tRPC links): it
 * may change the request, call `next` (once, again, or not at all) and change the result.
 */
export type SendStep = (request: OutgoingRequest, next: SendNext) => Promise<Record<string, unknown>>;

/** Chains `steps` in front of `terminal`: the first step is the outermost. */
export function composeSend(steps: readonly SendStep[], terminal: SendNext): SendNext {
  return steps.reduceRight<SendNext>((next, step) => (request) => step(request, next), terminal);
}
