import type { DiscoverResult } from '@tern/schema';
import type { ServerRuntime } from '../server-runtime.js';

/** `server/discover`: versions, capabilities and instructions, with caching hints (requirements.md #47, #144). */
export function discover(runtime: ServerRuntime): DiscoverResult {
  return {
    resultType: 'complete',
    supportedVersions: runtime.supportedVersions(),
    capabilities: runtime.capabilities(),
    ...(runtime.instructions === undefined ? {} : { instructions: runtime.instructions }),
    ...runtime.cacheHint('discover'),
  };
}
