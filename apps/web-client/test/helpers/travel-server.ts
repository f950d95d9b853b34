/**
 * A small MCP server for the browser test, independent of apps/demo-server's exact tool list:
 * - `book_trip`: two rounds of form elicitation (trip details with every field kind the spec
 *   allows, then a confirmation), then the booking;
 * - `connect_calendar`: one URL elicitation;
 * - `local_time`: no input, but an `x-mcp-header` argument (an `Mcp-Param-Region` header);
 * - `export_report`: runs as a task (tasks extension), with one question answered through it.
 */
import { randomBytes } from 'node:crypto';
import { McpServer } from '@tern/core-protocol';
import { installTasks } from '@tern/tasks';
import type { JsonSchemaObject } from '@tern/core-protocol';

/** Every field kind of a form elicitation, with defaults, formats and bounds. */
export const TRIP_FORM = {
  type: 'object',
  properties: {
    traveller: { type: 'string', title: 'Traveller name', minLength: 2, maxLength: 40 },
    email: { type: 'string', title: 'Email', format: 'email', description: 'For the tickets.' },
    website: { type: 'string', title: 'Company website', format: 'uri' },
    departure: { type: 'string', title: 'Departure date', format: 'date', default: '2026-12-01' },
    pickup: {
      type: 'string',
      title: 'Taxi pickup',
      format: 'date-time',
      default: '2026-12-01T06:30:00Z',
    },
    travellers: { type: 'integer', title: 'Travellers', minimum: 1, maximum: 9, default: 1 },
    budget: { type: 'number', title: 'Budget (EUR)', minimum: 0, maximum: 100000 },
    insurance: { type: 'boolean', title: 'Travel insurance', default: true },
    cabin: {
      type: 'string',
      title: 'Cabin',
      enum: ['economy', 'premium', 'business'],
      default: 'economy',
    },
    seat: {
      type: 'string',
      title: 'Seat',
      oneOf: [
        { const: 'window', title: 'Window seat' },
        { const: 'aisle', title: 'Aisle seat' },
      ],
    },
    meal: {
      type: 'string',
      title: 'Meal',
      enum: ['veg', 'std'],
      enumNames: ['Vegetarian', 'Standard'],
    },
    extras: {
      type: 'array',
      title: 'Extras',
      maxItems: 2,
      items: { type: 'string', enum: ['wifi', 'lounge', 'bag'] },
    },
    interests: {
      type: 'array',
      title: 'Interests',
      minItems: 1,
      items: {
        anyOf: [
          { const: 'museums', title: 'Museums' },
          { const: 'food', title: 'Food tours' },
        ],
      },
      default: ['food'],
    },
  },
  required: [
    'traveller',
    'email',
    'departure',
    'travellers',
    'insurance',
    'cabin',
    'seat',
    'interests',
  ],
} satisfies JsonSchemaObject;

const CONFIRM_FORM = {
  type: 'object',
  properties: { confirm: { type: 'boolean', title: 'Yes, book it' } },
  required: ['confirm'],
} satisfies JsonSchemaObject;

const TRIP_ARGUMENTS = {
  type: 'object',
  properties: { destination: { type: 'string', description: 'Where to go' } },
  required: ['destination'],
} satisfies JsonSchemaObject;

/**
 * Builds the server. `consentUrl` is the page that `connect_calendar` asks the user to open.
 */
export function createTravelServer(consentUrl: () => string): McpServer {
  const server = new McpServer(
    { name: 'web-client-test', version: '0.0.0' },
    { requestState: { keys: [{ id: 'test', secret: randomBytes(32).toString('base64') }] } },
  );

  server.registerTool<{ destination: string }>(
    'book_trip',
    {
      title: 'Book a trip',
      description: 'Asks for the trip details, then for a confirmation.',
      inputSchema: TRIP_ARGUMENTS,
    },
    async ({ destination }, ctx) => {
      const details = await ctx.elicit(`Trip details for ${destination}`, TRIP_FORM);
      if (details.action !== 'accept') return `Nothing booked: you chose ${details.action}.`;
      const { traveller, seat } = details.content as { traveller: string; seat: string };
      const sure = await ctx.elicit(
        `Book ${destination} for ${traveller} (${seat} seat)?`,
        CONFIRM_FORM,
      );
      if (sure.action !== 'accept' || sure.content['confirm'] !== true) return 'Nothing booked.';
      return {
        content: [
          {
            type: 'text',
            text: `Booked ${destination} for ${traveller}. Booking reference TRN-42.`,
          },
        ],
        structuredContent: { reference: 'TRN-42', destination, details: details.content },
      };
    },
  );

  server.registerTool(
    'connect_calendar',
    { title: 'Connect a calendar', description: 'Sends you to a sign-in page (URL elicitation).' },
    async (_args, ctx) => {
      const answer = await ctx.elicitUrl('Sign in to your calendar provider.', consentUrl());
      return answer.action === 'accept'
        ? 'Calendar connection started.'
        : `Not connected: you chose ${answer.action}.`;
    },
  );
  server.registerTool<{ region: string }>(
    'local_time',
    {
      title: 'Local time',
      description: 'Its region argument travels as an Mcp-Param-Region header too (x-mcp-header).',
      inputSchema: {
        type: 'object',
        properties: { region: { type: 'string', 'x-mcp-header': 'Region' } },
        required: ['region'],
      },
    },
    // The transport has already checked that the header matches the argument (or refused with -32020).
    ({ region }) => `It is noon in ${region}.`,
  );

  // A tool that runs as a task (tasks extension): progress, one question, then the result.
  installTasks(server, { pollIntervalMs: 50 }).registerTool(
    'export_report',
    { title: 'Export a report', description: 'Runs as a task, then asks one question.' },
    async (_args, ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const answer = await ctx.elicit('Include the prices?', {
        type: 'object',
        properties: { prices: { type: 'boolean', title: 'Include prices' } },
      });
      return answer.action === 'accept' && answer.content['prices'] === true
        ? 'Report exported with prices.'
        : 'Report exported.';
    },
  );
  return server;
}
