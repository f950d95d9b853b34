import type { McpServer } from '@tern/core-protocol';
import { z } from 'zod';
import { CITY_IDS, findCity } from '../desk/catalogue.js';

/**
 * `suggest_itinerary`: asks the client's model for a plan (sampling). The server has no model of
 * its own; the client runs the completion, usually after showing it to the user.
 */
export function registerSuggestItinerary(server: McpServer): void {
  server.registerTool(
    'suggest_itinerary',
    {
      title: 'Suggest an itinerary',
      description: "Drafts a day-by-day plan for a city with the client's model (sampling).",
      inputSchema: z.object({
        city: z.enum(CITY_IDS).describe('City to plan for'),
        days: z.number().int().min(1).max(7).default(2).describe('Number of days'),
      }),
      annotations: { readOnlyHint: true },
    },
    async ({ city, days }, ctx) => {
      const info = findCity(city);
      const name = info?.name ?? city;
      const reply = await ctx.sample({
        systemPrompt: 'You are a concise travel planner. Answer with one short line per day.',
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text:
                `Plan ${days} day(s) in ${name}. Work in these if they fit: ` +
                `${info?.highlights.join('; ') ?? 'the classics'}.`,
            },
          },
        ],
        maxTokens: 400,
        modelPreferences: { speedPriority: 0.8, intelligencePriority: 0.4 },
      }, { key: 'itinerary-draft' });
      const blocks = Array.isArray(reply.content) ? reply.content : [reply.content];
      const text = blocks
        .flatMap((block) => (block.type === 'text' ? [block.text] : []))
        .join('\n');
      return {
        content: [
          { type: 'text', text: `Itinerary for ${name} (drafted by ${reply.model}):\n${text}` },
        ],
        structuredContent: { city, days, model: reply.model, plan: text },
      };
    },
  );
}
