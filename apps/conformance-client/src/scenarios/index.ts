import type { ConformanceEnv } from '../conformance-env.js';
import { runClientRequestState } from './client-request-state.js';
import { runElicitationDefaults } from './elicitation-defaults.js';
import { runHttpCustomHeaders } from './http-custom-headers.js';
import { runHttpInvalidToolHeaders } from './http-invalid-tool-headers.js';
import { runHttpStandardHeaders } from './http-standard-headers.js';
import { runInitialize } from './initialize.js';
import { runJsonSchemaPreservation } from './json-schema-2020-12-preservation.js';
import { runJsonSchemaRefNoDeref } from './json-schema-ref-no-deref.js';
import { runRequestMetadata } from './request-metadata.js';
import { runSseRetry } from './sse-retry.js';
import { runToolsCall } from './tools-call.js';

/** One client scenario of the suite. */
export type ScenarioRunner = (env: ConformanceEnv) => Promise<void>;

/**
 * The non-auth client scenarios of the 2026-07-28 and 2025-11-25 requirement sets, by the suite's
 * names, and the not-scored `json-schema-2020-12-preservation`. `tools_call` and the preservation
 * scenario run in both; the era comes from `MCP_CONFORMANCE_PROTOCOL_VERSION`.
 */
export const scenarios: Readonly<Record<string, ScenarioRunner>> = {
  tools_call: runToolsCall,
  'request-metadata': runRequestMetadata,
  'sep-2322-client-request-state': runClientRequestState,
  'http-standard-headers': runHttpStandardHeaders,
  'http-custom-headers': runHttpCustomHeaders,
  'http-invalid-tool-headers': runHttpInvalidToolHeaders,
  'json-schema-ref-no-deref': runJsonSchemaRefNoDeref,
  'json-schema-2020-12-preservation': runJsonSchemaPreservation,
  // 2025-11-25 only (handshake-based servers, reached through the dual-era transport).
  initialize: runInitialize,
  'elicitation-sep1034-client-defaults': runElicitationDefaults,
  'sse-retry': runSseRetry,
};
