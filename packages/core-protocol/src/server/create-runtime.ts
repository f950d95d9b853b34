import type { Implementation, ServerCapabilities } from '@tern/schema';
import type { AccessPolicy } from './access-policy.js';
import { NO_CACHE } from './cache-hint.js';
import type { CacheHint } from './cache-hint.js';
import type { ChangeBus } from './change-bus.js';
import { ClientQuota } from './client-quota.js';
import { createSealers } from './create-sealers.js';
import type { ListenTopicRegistry } from './extensions/listen-topics.js';
import { hasCompleters } from './handlers/completion.js';
import { Paginator } from './pagination.js';
import type { PromptRegistry } from './prompt-registry.js';
import type { ResourceRegistry } from './resource-registry.js';
import type { CacheTarget, ListenSlot, ServerRuntime } from './server-runtime.js';
import { deriveCapabilities } from './server-options.js';
import type { DEFAULT_LIMITS, McpServerOptions } from './server-options.js';
import type { ToolRegistry } from './tool-registry.js';

/** What an {@link McpServer} owns that its runtime reads. @internal */
export interface RuntimeParts {
  info: Implementation;
  options: McpServerOptions;
  limits: typeof DEFAULT_LIMITS;
  tools: ToolRegistry;
  resources: ResourceRegistry;
  prompts: PromptRegistry;
  bus: ChangeBus;
  listenStreams: Set<ListenSlot>;
  listenTopics: ListenTopicRegistry;
  /** Extensions advertised with `registerExtension`, by id. */
  extensions: ReadonlyMap<string, Record<string, unknown>>;
  cacheHints: ReadonlyMap<CacheTarget, CacheHint>;
  /** The versions `server/discover` lists (modern plus those the dual-era layer added). */
  listedVersions: () => readonly string[];
  /** Who may see what (one policy: requests, lists, listen streams, `McpServer.concerns`). */
  access: AccessPolicy;
  /** Hands an error to the `onError` option. */
  report: (error: unknown, request: { method: string; id?: string | number }) => void;
}

/**
 * Builds the runtime that handlers read: the sealers (async: the keys are imported), the
 * paginator, the limits and the hooks. Capabilities are derived from what is registered and
 * cached in a {@link CapabilityCache} until it is invalidated (every registration change calls it). @internal
 */
export async function createRuntime(parts: RuntimeParts, cache: CapabilityCache): Promise<ServerRuntime> {
  const { options, limits, tools, resources, prompts } = parts;
  const sealers = await createSealers(parts.info.name, options, limits.maxJournalBytes);
  const runtime: ServerRuntime = {
    info: parts.info,
    instructions: options.instructions,
    tools,
    resources,
    prompts,
    access: parts.access,
    bus: parts.bus,
    stateSealer: sealers.stateSealer,
    stateCodec: sealers.stateCodec,
    paginator: new Paginator(sealers.cursorSealer, limits.pageSize),
    conversationLimits: {
      maxRounds: limits.maxRounds,
      maxAsksPerRound: limits.maxAsksPerRound,
      onceSettleMs: limits.onceSettleMs,
      maxJournalBytes: sealers.maxJournalBytes,
    },
    notificationLimits: { progressBurst: limits.progressBurst, progressPerSecond: limits.progressPerSecond },
    maxListenStreams: limits.maxListenStreams,
    listenLimits: {
      maxResourceUris: limits.maxListenResourceUris,
      maxUriLength: limits.maxListenUriLength,
      maxIdLength: limits.maxListenIdLength,
    },
    listenQuota: new ClientQuota(limits.maxListenStreamsPerClient),
    listenStreams: parts.listenStreams,
    listenTopics: parts.listenTopics,
    logging: options.logging !== false,
    capabilities: () =>
      cache.get(() =>
        deriveCapabilities(
          {
            tools: tools.size > 0,
            resources: !resources.isEmpty,
            prompts: prompts.size > 0,
            completions: hasCompleters(runtime),
            logging: options.logging !== false,
            extensions: Object.fromEntries(parts.extensions),
          },
          options.capabilities,
        ),
      ),
    supportedVersions: () => [...parts.listedVersions()],
    reportError: (error, request) => parts.report(error, request),
    diagnose: (event) => {
      try {
        options.onDiagnostic?.(event);
      } catch {
        // A diagnostics hook that throws must not change the answer.
      }
    },
    cacheHint: (target) => parts.cacheHints.get(target) ?? NO_CACHE,
  };
  return runtime;
}

/** The derived capabilities, kept until something registered changes. @internal */
export class CapabilityCache {
  #value: ServerCapabilities | undefined;

  get(derive: () => ServerCapabilities): ServerCapabilities {
    return (this.#value ??= derive());
  }

  invalidate(): void {
    this.#value = undefined;
  }
}
