/**
 * `@tern/legacy-compat/options`: the layer's options and the client's era memory, without the
 * layer. A transport that serves or speaks the legacy era only on demand (`@tern/stdio`) imports
 * this at start-up and loads `@tern/legacy-compat/kit` when a legacy peer shows up, so a
 * 2026-07-28-only process never loads the dual-era code. The same exports as in `./kit`
 * (`resolveLegacyOptions`) and the main entry (`InMemoryEraStore`), and the era probe's rules.
 *
 * @module
 */

export { resolveLegacyOptions } from './server/legacy-layer-options.js';
export type { ResolvedLegacyOptions } from './server/legacy-layer-options.js';
export { InMemoryEraStore } from './client/era-store.js';
export type { EraStore, ServerEra } from './client/era-store.js';
export { discoverProbeFor, isModernDiscoverResult, MODERN_ERROR_CODES } from './client/probe-rules.js';
