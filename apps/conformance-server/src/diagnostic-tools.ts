import type { McpServer, Registration } from '@tern/core-protocol';
import { z } from 'zod';

/**
 * A tool input schema that uses the JSON Schema 2020-12 vocabulary SEP-1613 and SEP-2106 say must
 * reach clients unchanged: `$schema`, `$defs` with an `$anchor`, `$ref`, `allOf`/`anyOf`,
 * `if`/`then`/`else` and `additionalProperties`.
 */
const CONTACT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: {
      $anchor: 'addressDef',
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } },
    },
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' },
    email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  then: { required: ['phone'] },
  else: { required: ['email'] },
  additionalProperties: false,
};

/**
 * Registers the probes of the `server-stateless`, `http-*` and `json-schema-2020-12` scenarios:
 * tools whose only job is to make one protocol rule observable.
 */
export function registerDiagnosticTools(server: McpServer): void {
  server.registerTool(
    'test_missing_capability',
    { description: 'Needs sampling; a client that did not declare it gets -32021.' },
    async (_args, ctx) => {
      // ctx.sample throws MissingRequiredClientCapabilityError before asking when the request's
      // _meta declares no `sampling` capability (SEP-2575).
      const reply = await ctx.sample({
        messages: [{ role: 'user', content: { type: 'text', text: 'Say hello.' } }],
        maxTokens: 20,
      });
      return `Sampled with model ${reply.model}.`;
    },
  );

  server.registerTool(
    'test_streaming_elicitation',
    {
      description:
        'Asks for a confirmation; the question travels as input_required, never as a request.',
    },
    async (_args, ctx) => {
      const answer = await ctx.elicit('Continue?', z.object({ confirm: z.boolean() }));
      return `Elicitation ${answer.action}.`;
    },
  );

  server.registerTool(
    'test_logging_tool',
    { description: 'Logs one info message, delivered only when the request sets a log level.' },
    (_args, ctx) => {
      ctx.log('info', 'test_logging_tool ran');
      return 'Logged one message.';
    },
  );

  registerListTriggers(server);

  server.registerTool(
    'json_schema_2020_12_tool',
    { description: 'Tool with JSON Schema 2020-12 features', inputSchema: CONTACT_SCHEMA },
    (args) => `Received contact: ${JSON.stringify(args)}`,
  );

  server.registerTool<{ region: string }>(
    'test_custom_header',
    {
      description:
        'Echoes its region, which clients mirror into the Mcp-Param-Region header (SEP-2243).',
      inputSchema: {
        type: 'object',
        properties: {
          region: { type: 'string', description: 'A region name', 'x-mcp-header': 'Region' },
        },
        required: ['region'],
      },
    },
    ({ region }) => `Region: ${region}`,
  );
}

/**
 * `test_trigger_tool_change` and `test_trigger_prompt_change` really change the lists: each call
 * adds a tool (or prompt), or removes it again, so listen streams get a truthful list_changed.
 */
function registerListTriggers(server: McpServer): void {
  let dynamicTool: Registration | undefined;
  server.registerTool(
    'test_trigger_tool_change',
    { description: 'Adds or removes the tool test_dynamic_tool, changing the tool list.' },
    () => {
      if (dynamicTool !== undefined) {
        dynamicTool.remove();
        dynamicTool = undefined;
        return 'Removed test_dynamic_tool.';
      }
      dynamicTool = server.registerTool(
        'test_dynamic_tool',
        { description: 'Exists between two calls of test_trigger_tool_change.' },
        () => 'I come and go.',
      );
      return 'Added test_dynamic_tool.';
    },
  );

  let dynamicPrompt: Registration | undefined;
  server.registerTool(
    'test_trigger_prompt_change',
    { description: 'Adds or removes the prompt test_dynamic_prompt, changing the prompt list.' },
    () => {
      if (dynamicPrompt !== undefined) {
        dynamicPrompt.remove();
        dynamicPrompt = undefined;
        return 'Removed test_dynamic_prompt.';
      }
      dynamicPrompt = server.registerPrompt(
        'test_dynamic_prompt',
        { description: 'Exists between two calls of test_trigger_prompt_change.' },
        () => ({ messages: [{ role: 'user', content: { type: 'text', text: 'I come and go.' } }] }),
      );
      return 'Added test_dynamic_prompt.';
    },
  );
}
