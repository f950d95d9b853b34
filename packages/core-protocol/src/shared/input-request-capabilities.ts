import type { ClientCapabilities, InputRequest } from '@tern/schema';

/**
 * The client capability an input request needs that `capabilities` does not declare, shaped
 * like `ClientCapabilities` (for `-32021` `data.requiredCapabilities`), or `undefined` when it is
 * declared. One set of rules for the server (which must not ask; requirements.md #63, #212,
 * #233, #235, #244) and the client (which must refuse; #256):
 *
 * - form elicitation: `elicitation` with `form`, or an empty `elicitation` (form only);
 * - URL elicitation: `elicitation.url`;
 * - sampling: `sampling`; with `tools`/`toolChoice` also `sampling.tools`; with an
 *   `includeContext` other than `"none"` also `sampling.context`;
 * - roots: `roots`.
 */
export function missingCapabilityFor(
  request: InputRequest,
  capabilities: ClientCapabilities,
): ClientCapabilities | undefined {
  switch (request.method) {
    case 'elicitation/create': {
      const elicitation = capabilities.elicitation;
      if (request.params.mode === 'url') {
        return elicitation?.url === undefined ? { elicitation: { url: {} } } : undefined;
      }
      const form = elicitation !== undefined && (elicitation.form !== undefined || Object.keys(elicitation).length === 0);
      return form ? undefined : { elicitation: { form: {} } };
    }
    case 'sampling/createMessage': {
      const sampling = capabilities.sampling;
      const { tools, toolChoice, includeContext } = request.params;
      if (sampling === undefined) return { sampling: {} };
      if ((tools !== undefined || toolChoice !== undefined) && sampling.tools === undefined) {
        return { sampling: { tools: {} } };
      }
      if (includeContext !== undefined && includeContext !== 'none' && sampling.context === undefined) {
        return { sampling: { context: {} } };
      }
      return undefined;
    }
    case 'roots/list':
      return capabilities.roots === undefined ? { roots: {} } : undefined;
  }
}

/** A short human name for what an input request asks, for error messages. */
export function describeInputRequest(request: InputRequest): string {
  switch (request.method) {
    case 'elicitation/create':
      return request.params.mode === 'url' ? 'URL elicitation' : 'form elicitation';
    case 'sampling/createMessage':
      return request.params.tools !== undefined || request.params.toolChoice !== undefined
        ? 'tool-enabled sampling'
        : 'sampling';
    case 'roots/list':
      return 'roots';
  }
}
