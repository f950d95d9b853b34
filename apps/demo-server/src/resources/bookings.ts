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
 * Registers `trips://bookings` (every booking) and the template `trips://bookings/{id}` (one
 * booking). Both read live data, so the defaults stay: `ttlMs: 0`, `cacheScope: 'private'`.
 */
export function registerBookingResources(server: McpServer, desk: TravelDesk): void {
  server.registerResource(
    {
      uri: BOOKINGS_URI,
      name: 'bookings',
      title: 'All bookings',
      description: 'Every booking of this desk, as JSON. Subscribe to hear about new ones.',
      mimeType: 'application/json',
    },
    (uri) => ({
      contents: [
        {
          uri,
          mimeType: 'application/json',
          text: JSON.stringify(desk.bookings().map(summary), null, 2),
        },
      ],
    }),
  );

  server.registerResourceTemplate(
    {
      uriTemplate: `${BOOKINGS_URI}/{id}`,
      name: 'booking',
      title: 'Booking',
      description: 'One booking, as JSON.',
      mimeType: 'application/json',
      list: () =>
        desk.bookings().map((booking) => ({
          uri: bookingUri(booking.id),
          name: booking.id,
          title: `${booking.id}: ${booking.city}, ${booking.checkIn}`,
          mimeType: 'application/json',
        })),
      complete: {
        id: (value) =>
          desk
            .bookings()
            .map((booking) => booking.id)
            .filter((id) => id.startsWith(value)),
      },
    },
    (uri, variables) => {
      const booking = desk.booking(String(variables['id']));
      if (booking === undefined) throw new ResourceNotFoundError(uri);
      return {
        contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(booking, null, 2) }],
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
