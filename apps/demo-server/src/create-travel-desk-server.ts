import { McpServer } from '@tern/core-protocol';
import { installTasks } from '@tern/tasks';
import type { McpServerOptions, RequestStateKey } from '@tern/core-protocol';
import type { TravelDesk } from './desk/travel-desk.js';
import { registerPlanWeekend } from './prompts/plan-weekend.js';
import { registerBookingResources } from './resources/bookings.js';
import { registerCityGuides } from './resources/city-guides.js';
import { registerBookTrip } from './tools/book-trip.js';
import { registerCompileTravelReport } from './tools/compile-travel-report.js';
import { registerConnectLoyalty } from './tools/connect-loyalty.js';
import { registerExportItinerary } from './tools/export-itinerary.js';
import { registerSearchFlights } from './tools/search-flights.js';
import { registerSuggestItinerary } from './tools/suggest-itinerary.js';

/** What the travel desk server needs from its host. */
export interface TravelDeskServerOptions {
  desk: TravelDesk;
  /** The key ring that seals `requestState`: the first key seals, all of them open. */
  stateKeys: readonly RequestStateKey[];
  /** The public base URL of the site (for the loyalty sign-in page), without a trailing slash. */
  siteUrl: () => string;
  /** Delay of each step of `search_flights`, in ms. Default 250. */
  searchStepMs?: number;
  /** Delay of each section of `compile_travel_report`, in ms. Default 400. */
  reportStepMs?: number;
  onError?: McpServerOptions['onError'];
}

/**
 * Builds the travel desk: a transport-agnostic `McpServer` with six tools (one of them a task), two resource
 * templates, one resource and one prompt. `main.ts` mounts it in Express; tests drive it in
 * memory.
 */
export function createTravelDeskServer(options: TravelDeskServerOptions): McpServer {
  const server = new McpServer(
    { name: 'tern-travel-desk', title: 'Tern Travel Desk', version: '1.0.0' },
    {
      instructions:
        'A travel desk. search_flights finds flights, book_trip books a hotel stay (it asks for dates, ' +
        'then for a price confirmation), connect_loyalty links a loyalty account, suggest_itinerary ' +
        'drafts a plan, export_itinerary saves a booking to your folder and compile_travel_report ' +
        'compiles a report as a long-running task. City guides are resources ' +
        '(trips://{city}/guide); subscribe to trips://bookings to hear about new bookings.',
      requestState: { keys: options.stateKeys },
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    },
  );
  const { desk } = options;
  registerSearchFlights(server, desk, options.searchStepMs ?? 250);
  registerBookTrip(server, desk);
  registerConnectLoyalty(server, desk, options.siteUrl);
  registerSuggestItinerary(server);
  registerExportItinerary(server, desk);
  // The tasks extension (SEP-2663): compile_travel_report runs as a task for clients that take one.
  registerCompileTravelReport(
    installTasks(server, { pollIntervalMs: 500 }),
    desk,
    options.reportStepMs ?? 400,
  );
  registerCityGuides(server);
  registerBookingResources(server, desk);
  registerPlanWeekend(server);
  return server;
}
