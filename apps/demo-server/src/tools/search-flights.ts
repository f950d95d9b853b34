import { setTimeout as sleep } from 'node:timers/promises';
import type { McpServer } from '@tern/core-protocol';
import { z } from 'zod';
import { CITY_IDS, findCity } from '../desk/catalogue.js';
import type { TravelDesk } from '../desk/travel-desk.js';

/** The airlines the search "asks", one progress step each. */
const SOURCES = ['TAP Air Portugal', 'KLM', 'Lufthansa', 'Iberia', 'Austrian', 'SAS'];

const OfferSchema = z.object({
  flight: z.string(),
  airline: z.string(),
  from: z.string(),
  to: z.string(),
  date: z.string(),
  departs: z.string(),
  arrives: z.string(),
  priceEur: z.number(),
});

/**
 * `search_flights`: a slow tool that reports progress. Progress goes out only when the client sent
 * a progress token, and the core rate-limits it, so the handler simply reports every step.
 */
export function registerSearchFlights(server: McpServer, desk: TravelDesk, stepMs: number): void {
  server.registerTool(
    'search_flights',
    {
      title: 'Search flights',
      description:
        'Searches flights between two cities on one day, asking several airlines in turn (reports progress).',
      inputSchema: z.object({
        from: z.enum(CITY_IDS).describe('City of departure'),
        to: z.enum(CITY_IDS).describe('Destination city'),
        date: z.iso.date().describe('Day of the flight, YYYY-MM-DD'),
      }),
      outputSchema: z.object({ offers: z.array(OfferSchema) }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ from, to, date }, ctx) => {
      ctx.log('info', `Searching flights ${from} → ${to} on ${date}`, 'search_flights');
      for (const [index, airline] of SOURCES.entries()) {
        ctx.progress(index, SOURCES.length, `Asking ${airline}…`);
        // The signal aborts when the client goes away: stop asking airlines nobody waits for.
        await sleep(stepMs, undefined, { signal: ctx.signal });
      }
      ctx.progress(SOURCES.length, SOURCES.length, 'All airlines answered');
      const offers = desk.searchFlights(from, to, date);
      const route = `${findCity(from)?.name ?? from} → ${findCity(to)?.name ?? to}`;
      const lines = offers.map(
        (offer) =>
          `${offer.flight}  ${offer.departs}–${offer.arrives}  ${offer.airline.padEnd(16)}  €${offer.priceEur}`,
      );
      return {
        content: [
          {
            type: 'text',
            text: `${offers.length} flights ${route} on ${date}:\n${lines.join('\n')}`,
          },
        ],
        structuredContent: { offers },
      };
    },
  );
}
