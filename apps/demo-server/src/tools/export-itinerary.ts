import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ToolError } from '@tern/core-protocol';
import type { McpServer } from '@tern/core-protocol';
import { z } from 'zod';
import { ROOMS, findCity } from '../desk/catalogue.js';
import type { Booking, TravelDesk } from '../desk/travel-desk.js';

/**
 * `export_itinerary`: lists the client's roots and saves a booking as an iCalendar file into the
 * first root that is a folder on this machine. The demo runs next to its client, so the folder is
 * reachable; a server on another machine would use roots only to know where the user works.
 */
export function registerExportItinerary(server: McpServer, desk: TravelDesk): void {
  server.registerTool(
    'export_itinerary',
    {
      title: 'Export an itinerary',
      description:
        "Saves a booking as an .ics calendar file into the client's folder (its first file:// root).",
      inputSchema: z.object({
        bookingId: z
          .string()
          .regex(/^TRP-\d{1,9}-[0-9A-F]{10}$/)
          .describe('Booking reference, e.g. TRP-1001-3F9A0C21B7'),
      }),
      annotations: { destructiveHint: false, idempotentHint: true },
    },
    async ({ bookingId }, ctx) => {
      const booking = desk.booking(bookingId, ctx.auth?.principal);
      if (booking === undefined) throw new ToolError(`There is no booking ${bookingId}.`);

      // An explicit key, so the tour script and logs can name the question.
      const roots = await ctx.listRoots({ key: 'export-folder' });
      const folder = await firstLocalFolder(roots.map((root) => root.uri));
      if (folder === undefined) {
        throw new ToolError('The client shared no file:// root that is a folder on this machine.');
      }
      // The file name comes from the validated booking id only: nothing the client sends becomes a path.
      const file = join(folder, `${booking.id}.ics`);
      const calendar = toICalendar(booking);
      await writeFile(file, calendar, 'utf8');
      return {
        content: [
          { type: 'text', text: `Saved ${booking.id} to ${file}` },
          {
            type: 'resource',
            resource: { uri: pathToFileURL(file).href, mimeType: 'text/calendar', text: calendar },
          },
        ],
        structuredContent: { bookingId: booking.id, file },
      };
    },
  );
}

async function firstLocalFolder(uris: readonly string[]): Promise<string | undefined> {
  for (const uri of uris) {
    if (!uri.startsWith('file:')) continue;
    try {
      const path = fileURLToPath(uri);
      if ((await stat(path)).isDirectory()) return path;
    } catch {
      // Not a path on this machine, or gone: try the next root.
    }
  }
  return undefined;
}

function toICalendar(booking: Booking): string {
  const start = booking.checkIn.replaceAll('-', '');
  const end = new Date(Date.parse(`${booking.checkIn}T00:00:00Z`) + booking.nights * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const city = findCity(booking.city)?.name ?? booking.city;
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tern demo//Travel desk//EN',
    'BEGIN:VEVENT',
    `UID:${booking.id}@travel-desk.tern.example`,
    `DTSTAMP:${booking.bookedAt.replaceAll(/[-:]/g, '').slice(0, 15)}Z`,
    `DTSTART;VALUE=DATE:${start}`,
    `DTEND;VALUE=DATE:${end}`,
    `SUMMARY:${city}: ${ROOMS[booking.room].title} (${booking.id})`,
    `DESCRIPTION:${booking.travellers} travellers\\, €${booking.priceEur}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}
