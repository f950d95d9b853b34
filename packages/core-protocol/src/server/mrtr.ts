import { InvalidParamsError, MissingRequiredClientCapabilityError } from '@tern/jsonrpc';
import { InputRequestSchema } from '@tern/schema';
import type { ClientCapabilities, InputRequiredResult } from '@tern/schema';
import { SdkError, SdkErrorCode } from '../errors.js';
import type { InputChannel } from './conversation/input-channel.js';
import type { AttemptSignal } from './conversation/attempt-signal.js';
import type { RequestSignal } from './lazy-abort-signal.js';
import { emptyConversationState } from './conversation/conversation-state.js';
import { runConversation } from './conversation/run-conversation.js';
import { journalBytesBound, openState, sealState } from './conversation/state-codec.js';
import { missingCapabilityFor } from '../shared/input-request-capabilities.js';
import type { RequestContext } from './request-context.js';
import { createRequestContext } from './request-context.js';
import { canonicalJson } from '../shared/canonical-json.js';
import type { StateBinding } from './request-state/request-state-sealer.js';
import type { CallInfo, ServerRuntime } from './server-runtime.js';
import type { RequestStateMode } from './tool-registry.js';

/** The request that a conversation belongs to, and how to run its handler. */
export interface ConversationTarget<TResult extends object> {
  method: 'tools/call' | 'prompts/get' | 'resources/read';
  /** Tool or prompt name, or resource URI. */
  name: string;
  args: unknown;
  inputResponses: Record<string, unknown> | undefined;
  requestState: string | undefined;
  mode: RequestStateMode;
  run: (context: RequestContext) => Promise<TResult | InputRequiredResult>;
}

/**
 * Runs a handler of one of the three methods that may ask for input, in the way the request
 * calls for: replayed with sealed state (modern MRTR), through a legacy input channel, or in
 * manual mode where the handler keeps its own state.
 */
export async function runWithInput<TResult extends object>(
  runtime: ServerRuntime,
  call: CallInfo,
  target: ConversationTarget<TResult>,
): Promise<TResult | InputRequiredResult> {
  const options = target;
  const contextFor = (signal: RequestSignal | AttemptSignal, channel: InputChannel | undefined) =>
    createRequestContext({
      requestId: call.requestId,
      method: target.method,
      signal,
      client: {
        protocolVersion: call.envelope.protocolVersion,
        capabilities: call.envelope.capabilities,
        info: call.envelope.clientInfo,
      },
      auth: call.auth,
      input: { inputResponses: target.inputResponses, requestState: target.requestState },
      progressToken: call.envelope.progressToken,
      logLevel: runtime.logging ? call.envelope.logLevel : undefined,
      notify: call.notify,
      channel,
      limits: runtime.notificationLimits,
      meta: call.envelope.meta,
      extensions: call.extensions,
    });

  if (options.mode === 'manual' || call.inputChannel !== undefined) {
    const handle = contextFor(call.signal, options.mode === 'manual' ? undefined : call.inputChannel);
    try {
      const result = await options.run(handle.context);
      if (isInputRequired(result)) {
        if (options.mode !== 'manual') throw managedMisuse();
        checkManualInputRequired(result, call.envelope.capabilities);
      }
      return result;
    } finally {
      handle.finish();
    }
  }

  // The binding (with its argument digest) is only worked out when a state is opened or sealed,
  // so a call that never asks pays nothing for it.
  let binding: StateBinding | undefined;
  const bindingOf = (): StateBinding => (binding ??= bindConversation(call, target));
  // One generic message whatever failed, with a reason from a small set (requirements.md #59).
  const state =
    target.requestState === undefined
      ? emptyConversationState()
      : await openState(runtime.stateCodec, target.requestState, bindingOf());

  const outcome = await runConversation({
    state,
    inputResponses: target.inputResponses,
    journalBytes: journalBytesBound(runtime.stateCodec, target.requestState),
    signal: call.signal,
    limits: runtime.conversationLimits,
    now: runtime.stateCodec.now,
    onDivergence: (divergence) =>
      runtime.diagnose({ type: 'answer-diverged', method: target.method, target: target.name, ...divergence }),
    run: async (channel, signal) => {
      const handle = contextFor(signal, channel);
      try {
        const result = await options.run(handle.context);
        if (isInputRequired(result)) throw managedMisuse();
        return result;
      } finally {
        handle.finish();
      }
    },
  });
  if (outcome.kind === 'complete') return outcome.value;

  const requestState = await sealState(runtime.stateCodec, outcome.state, bindingOf());
  return { resultType: 'input_required', inputRequests: outcome.inputRequests, requestState };
}

/** What a sealed state is bound to: the caller, the request and a digest of its arguments. */
function bindConversation(call: CallInfo, target: ConversationTarget<object>): StateBinding {
  let argumentsDigest: string;
  try {
    // The canonical arguments themselves: they only go into the AEAD's associated data (never
    // into the token), so hashing them first would only add a WebCrypto round trip per round.
    argumentsDigest = canonicalJson(target.args ?? {});
  } catch (error) {
    throw new InvalidParamsError('The arguments are nested too deeply to continue a conversation', { cause: error });
  }
  return {
    method: target.method,
    target: target.name,
    argumentsDigest,
    ...(call.auth === undefined ? {} : { principal: call.auth.principal }),
  };
}

/** True for a result that asks for input. */
export function isInputRequired(result: object): result is InputRequiredResult {
  return (result as { resultType?: unknown }).resultType === 'input_required';
}

function managedMisuse(): SdkError {
  return new SdkError(
    SdkErrorCode.InvalidUsage,
    'A handler returned an InputRequiredResult itself; register it with requestState: "manual" to do that',
  );
}

/** Checks an `InputRequiredResult` built by a manual-mode handler (requirements.md #57, #62, #63). */
function checkManualInputRequired(result: InputRequiredResult, capabilities: ClientCapabilities): void {
  if (result.inputRequests === undefined && result.requestState === undefined) {
    throw new SdkError(SdkErrorCode.InvalidUsage, 'An InputRequiredResult needs inputRequests or requestState');
  }
  for (const request of Object.values(result.inputRequests ?? {})) {
    // requirements.md #57: only elicitation, sampling and roots requests may be embedded.
    if (!InputRequestSchema.safeParse(request).success) {
      throw new SdkError(
        SdkErrorCode.InvalidUsage,
        'An InputRequiredResult may only hold elicitation/create, sampling/createMessage and roots/list requests',
      );
    }
    const required = missingCapabilityFor(request, capabilities);
    if (required !== undefined) {
      throw new MissingRequiredClientCapabilityError(required);
    }
  }
}
