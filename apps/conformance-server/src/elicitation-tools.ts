import type { JsonSchemaObject, McpServer } from '@tern/core-protocol';

/** SEP-1034: one field of every primitive type, each with a default. */
const DEFAULTS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Your name', default: 'John Doe' },
    age: { type: 'integer', description: 'Your age', default: 30 },
    score: { type: 'number', description: 'Your score', default: 95.5 },
    status: {
      type: 'string',
      description: 'Your status',
      enum: ['active', 'inactive', 'pending'],
      default: 'active',
    },
    verified: { type: 'boolean', description: 'Verified?', default: true },
  },
};

/** SEP-1330: the five enum shapes of a form (untitled, titled, legacy `enumNames`, two multi-selects). */
const ENUMS_SCHEMA: JsonSchemaObject = {
  type: 'object',
  properties: {
    untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
    titledSingle: {
      type: 'string',
      oneOf: [
        { const: 'value1', title: 'First Option' },
        { const: 'value2', title: 'Second Option' },
        { const: 'value3', title: 'Third Option' },
      ],
    },
    legacyEnum: {
      type: 'string',
      enum: ['opt1', 'opt2', 'opt3'],
      enumNames: ['Option One', 'Option Two', 'Option Three'],
    },
    untitledMulti: {
      type: 'array',
      items: { type: 'string', enum: ['option1', 'option2', 'option3'] },
    },
    titledMulti: {
      type: 'array',
      items: {
        anyOf: [
          { const: 'value1', title: 'First Choice' },
          { const: 'value2', title: 'Second Choice' },
          { const: 'value3', title: 'Third Choice' },
        ],
      },
    },
  },
};

/**
 * Registers the form-schema probes of the 2025-11-25 `elicitation-sep1034-defaults` and
 * `elicitation-sep1330-enums` scenarios. Written with `ctx.elicit` like every other tool: a
 * 2025-era session gets a real `elicitation/create`, a 2026 client an `input_required` round.
 */
export function registerElicitationTools(server: McpServer): void {
  server.registerTool(
    'test_elicitation_sep1034_defaults',
    { description: 'Asks for a form whose fields all carry defaults (SEP-1034).' },
    async (_args, ctx) => {
      const answer = await ctx.elicit('Please review your profile.', DEFAULTS_SCHEMA);
      const content = answer.action === 'accept' ? answer.content : {};
      return `Elicitation completed: action=${answer.action}, content=${JSON.stringify(content)}`;
    },
  );

  server.registerTool(
    'test_elicitation_sep1330_enums',
    { description: 'Asks for a form with every enum variant (SEP-1330).' },
    async (_args, ctx) => {
      const answer = await ctx.elicit('Please pick your options.', ENUMS_SCHEMA);
      const content = answer.action === 'accept' ? answer.content : {};
      return `Elicitation completed: action=${answer.action}, content=${JSON.stringify(content)}`;
    },
  );
}
