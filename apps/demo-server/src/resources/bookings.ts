import { ResourceNotFoundError } from '@tern/core-protocol';
import type { McpServer } from '@tern/core-protocol';
import type { Booking, TravelDesk } from '../desk/travel-desk.js';

/** The list of all bookings; `book_trip` announces changes to it. */
export const BOOKINGS_URI = 'trips://bookings';

/** The URI of one booking. */
export function bookingUri(id: string): string {
  return `${BOOKINGS_URI}/${id}`;
}

/**
 * Registers `trips://bookings` (the caller's bookings) and the template `trips://bookings/{id}`
 * (one booking, by reference; another principal's booking is not found). Both read live data, so the defaults stay: `ttlMs: 0`, `cacheScope: 'private'`.
 */
export function registerBookingResources(server: McpServer, desk: TravelDesk): void {
  server.registerResource(
    {
      uri: BOOKINGS_URI,
      name: 'bookings',
      title: 'All bookings',
      description:
        'Your bookings, as JSON (signed-in travellers; anonymous ones keep their references). Subscribe to hear about new ones.',
      mimeType: 'application/json',
    },
    (uri, ctx) => ({
      contents: [
        {
          uri,
          mimeType: 'application/json',
          text: JSON.stringify(desk.bookingsOf(ctx.auth?.principal).map(summary), null, 2),
        },
      ],
    }),
  );

  server.registerResourceTemplate(
    {
      uriTemplate: `${BOOKINGS_URI}/{id}`,
      name: 'booking',
      title: 'Booking',
      description: 'One booking, as JSON, by its reference.',
      mimeType: 'application/json',
      // Only the caller's own bookings; no completion of references (a completer cannot see
      // who asks, and a reference is what proves a right to read a booking).
      list: (ctx) =>
        desk.bookingsOf(ctx.auth?.principal).map((booking) => ({
          uri: bookingUri(booking.id),
          name: booking.id,
          title: `${booking.id}: ${booking.city}, ${booking.checkIn}`,
          mimeType: 'application/json',
        })),
    },
    (uri, variables, ctx) => {
      const booking = desk.booking(String(variables['id']), ctx.auth?.principal);
      if (booking === undefined) throw new ResourceNotFoundError(uri);
      const { owner: _owner, ...visible } = booking;
      return {
        contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(visible, null, 2) }],
      };
    },
  );
}

function summary(booking: Booking): Record<string, unknown> {
  return {
    id: booking.id,
    city: booking.city,
    checkIn: booking.checkIn,
    nights: booking.nights,
    priceEur: booking.priceEur,
    uri: bookingUri(booking.id),
  };
}
