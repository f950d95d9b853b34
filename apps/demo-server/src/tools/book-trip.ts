import { ToolError } from '@tern/core-protocol';
import type { McpServer } from '@tern/core-protocol';
import { z } from 'zod';
import { CITY_IDS, EXTRAS, ROOMS, findCity } from '../desk/catalogue.js';
import type { Extra } from '../desk/catalogue.js';
import type { Hold, TravelDesk } from '../desk/travel-desk.js';
import { BOOKINGS_URI, bookingUri } from '../resources/bookings.js';

/** Round 1: when, how long, who. Every field kind a form may hold appears once. */
const TripDetailsForm = z.object({
  checkIn: z.iso.date().meta({ title: 'Check-in date', description: 'YYYY-MM-DD' }),
  nights: z.number().int().min(1).max(21).default(3).meta({ title: 'Nights' }),
  travellers: z.number().int().min(1).max(6).default(2).meta({ title: 'Travellers' }),
  // A titled single choice (JSON Schema `oneOf` of `const` + `title`).
  room: z
    .xor([
      z.literal('standard').meta({ title: ROOMS.standard.title }),
      z.literal('superior').meta({ title: ROOMS.superior.title }),
      z.literal('suite').meta({ title: ROOMS.suite.title }),
    ])
    .default('standard')
    .meta({ type: 'string', title: 'Room' }),
  // A multiple choice (an array of enum values).
  extras: z
    .array(z.enum(Object.keys(EXTRAS) as [Extra, ...Extra[]]))
    .default([])
    .meta({ title: 'Extras', description: 'breakfast, late-checkout, airport-transfer' }),
  email: z.email().meta({ title: 'Email for the confirmation' }),
});

/** Round 2: the price, once the room is held. */
const ConfirmForm = z.object({
  confirm: z.boolean().meta({ title: 'Book it at this price?' }),
  payment: z.enum(['card', 'invoice']).default('card').meta({ title: 'Payment' }),
  note: z.string().max(200).optional().meta({ title: 'Note for the hotel' }),
});

/**
 * `book_trip`: the multi-round conversation. The handler reads top to bottom, but the wire sees
 * three stateless requests: the core answers `input_required` at each `ctx.elicit` that has no
 * answer yet, and replays the handler from the top when the answers come back (docs/mrtr.md).
 */
export function registerBookTrip(server: McpServer, desk: TravelDesk): void {
  server.registerTool(
    'book_trip',
    {
      title: 'Book a trip',
      description:
        'Books a hotel stay: asks for dates and travellers, holds a room, then asks to confirm the price.',
      inputSchema: z.object({ city: z.enum(CITY_IDS).describe('Where to stay') }),
      annotations: { destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async ({ city }, ctx) => {
      const cityName = findCity(city)?.name ?? city;

      // Explicit keys: the script file and logs can name each question.
      const details = await ctx.elicit(
        `When are you going to ${cityName}, and who is coming?`,
        TripDetailsForm,
        {
          key: 'trip-details',
        },
      );
      if (details.action !== 'accept') return `No trip to ${cityName} was booked.`;
      const { email, ...stay } = details.content;

      // A side effect before the next ask: `once` records the hold in the sealed requestState, so
      // the replay of the next round gets the same hold instead of placing a second one.
      const hold = await ctx.once('hold', () => desk.placeHold({ city, ...stay }));

      const answer = await ctx.elicit(describeHold(hold, cityName), ConfirmForm, {
        key: 'confirm-price',
      });
      if (answer.action !== 'accept' || !answer.content.confirm) {
        desk.releaseHold(hold.id);
        return `Released hold ${hold.id}; nothing was booked.`;
      }

      // After the last ask this runs once. confirm() is idempotent per hold as well, so a client
      // that replays an old requestState cannot book twice (requirement #61).
      const confirmed = desk.confirm(hold.id, email, ctx.auth?.principal);
      if (confirmed === undefined) {
        throw new ToolError(
          `Hold ${hold.id} expired before it was confirmed. Call book_trip again.`,
        );
      }
      const { booking, isNew } = confirmed;
      if (isNew) {
        // Tell subscriptions/listen streams: a new booking resource exists, and the list changed.
        server.notifyResourcesListChanged();
        server.notifyResourceUpdated(BOOKINGS_URI);
      }
      const uri = bookingUri(booking.id);
      return {
        content: [
          {
            type: 'text',
            text:
              `Booked ${booking.id}: ${booking.nights} nights in ${cityName} from ${booking.checkIn}, ` +
              `${ROOMS[booking.room].title} for ${booking.travellers}, €${booking.priceEur} ` +
              `(${answer.content.payment}). Confirmation sent to ${booking.email}.`,
          },
          { type: 'resource_link', uri, name: booking.id, mimeType: 'application/json' },
        ],
        structuredContent: {
          bookingId: booking.id,
          holdId: hold.id,
          city,
          checkIn: booking.checkIn,
          nights: booking.nights,
          travellers: booking.travellers,
          room: booking.room,
          extras: booking.extras,
          priceEur: booking.priceEur,
          payment: answer.content.payment,
          resource: uri,
        },
      };
    },
  );
}

function describeHold(hold: Hold, cityName: string): string {
  const extras =
    hold.extras.length === 0
      ? 'no extras'
      : hold.extras.map((extra) => EXTRAS[extra].title).join(', ');
  return (
    `Hold ${hold.id}: ${ROOMS[hold.room].title} in ${cityName}, ${hold.nights} nights from ${hold.checkIn}, ` +
    `${hold.travellers} travellers, ${extras}. Total €${hold.priceEur} (held until ${hold.expiresAt.slice(11, 16)} UTC).`
  );
}
