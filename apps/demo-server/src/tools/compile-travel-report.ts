import { setTimeout as sleep } from 'node:timers/promises';
import type { TasksExtension } from '@tern/tasks';
import { z } from 'zod';
import type { TravelDesk } from '../desk/travel-desk.js';

/** The sections of the report, one progress step each. */
const SECTIONS = ['bookings', 'flights', 'hotels', 'spending', 'carbon footprint', 'summary'];

/**
 * `compile_travel_report`: a long-running tool that runs as a task (SEP-2663) for clients that
 * declared the tasks extension: it answers at once with a task, reports progress on the task
 * (`tasks/get`), then asks through the task (`tasks/update`) whether to include the prices. A
 * client without the extension gets the same report as a blocking call.
 */
export function registerCompileTravelReport(
  tasks: TasksExtension,
  desk: TravelDesk,
  stepMs: number,
): void {
  tasks.registerTool(
    'compile_travel_report',
    {
      title: 'Compile a travel report',
      description:
        'Compiles a report of all bookings, section by section (a long-running task with progress, then one question).',
      inputSchema: z.object({
        year: z.number().int().min(2000).max(2100).describe('Year of the report'),
      }),
    },
    async ({ year }, ctx) => {
      for (const [index, section] of SECTIONS.entries()) {
        ctx.progress(index, SECTIONS.length, `Compiling ${section}…`);
        // tasks/cancel (or the task's TTL) aborts this signal.
        await sleep(stepMs, undefined, { signal: ctx.signal });
      }
      ctx.progress(SECTIONS.length, SECTIONS.length, 'All sections compiled');
      const prices = await ctx.elicit(
        'Include the prices in the report?',
        z.object({ includePrices: z.boolean().describe('Show what each booking cost') }),
      );
      const withPrices = prices.action === 'accept' && prices.content.includePrices;
      const bookings = desk.bookings();
      const lines = bookings.map(
        (booking) =>
          `${booking.id}  ${booking.city}  ${booking.checkIn}, ${booking.nights} night(s)${withPrices ? `  €${booking.priceEur}` : ''}`,
      );
      return `Travel report ${year}: ${bookings.length} booking(s)${lines.length > 0 ? `\n${lines.join('\n')}` : ''}`;
    },
  );
}
