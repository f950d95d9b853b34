import { randomBytes, randomUUID } from 'node:crypto';
import { EXTRAS, ROOMS, findCity } from './catalogue.js';
import type { Extra, RoomKind } from './catalogue.js';

/** What a traveller asks for. */
export interface StayRequest {
  city: string;
  /** `YYYY-MM-DD`. */
  checkIn: string;
  nights: number;
  travellers: number;
  room: RoomKind;
  extras: Extra[];
}

/** A room held for a short while at a quoted price. */
export interface Hold extends StayRequest {
  id: string;
  priceEur: number;
  /** ISO timestamp. */
  expiresAt: string;
}

/** A confirmed booking. */
export interface Booking extends StayRequest {
  /**
   * The booking reference, `TRP-1001-3F9A0C21B7`: a sequence number and 40 random bits, so nobody
   * reads a booking (and its e-mail address) by guessing a number.
   */
  id: string;
  holdId: string;
  email: string;
  priceEur: number;
  /** ISO timestamp. */
  bookedAt: string;
  /** The principal that booked, when the request was authenticated; only it may read the booking. */
  owner?: string;
}

/** One flight offer. */
export interface FlightOffer {
  flight: string;
  airline: string;
  from: string;
  to: string;
  date: string;
  departs: string;
  arrives: string;
  priceEur: number;
}

/** A loyalty-account link started by `connect_loyalty` and finished on the demo's web page. */
export interface LoyaltyLink {
  code: string;
  programme: string;
  /** Set once the traveller signed in on the page. */
  memberId?: string;
  /** Epoch milliseconds after which the link is forgotten. */
  expiresAt: number;
}

/** Options of {@link TravelDesk}. */
export interface TravelDeskOptions {
  /** How long a hold lasts. Default 15 minutes, as long as a sealed `requestState`. */
  holdTtlMs?: number;
  /** How long a loyalty link stays usable. Default 15 minutes. */
  linkTtlMs?: number;
  /** Most holds and most loyalty links kept at once; the oldest go first. Default 1000 each. */
  maxPending?: number;
  now?: () => number;
}

const AIRLINES = ['TAP Air Portugal', 'KLM', 'Lufthansa', 'Iberia', 'Austrian', 'SAS'];

/**
 * The travel desk's business state, in memory: holds, bookings and loyalty links. A real desk
 * would keep this in a database; the MCP server on top of it stays stateless either way. Holds
 * and links expire and are capped; bookings are found by an unguessable reference.
 */
export class TravelDesk {
  readonly #holds = new Map<string, Hold>();
  readonly #bookings = new Map<string, Booking>();
  readonly #bookingByHold = new Map<string, string>();
  readonly #links = new Map<string, LoyaltyLink>();
  readonly #holdTtlMs: number;
  readonly #linkTtlMs: number;
  readonly #maxPending: number;
  readonly #now: () => number;
  #nextBooking = 1001;

  constructor(options: TravelDeskOptions = {}) {
    this.#holdTtlMs = options.holdTtlMs ?? 15 * 60 * 1000;
    this.#linkTtlMs = options.linkTtlMs ?? 15 * 60 * 1000;
    this.#maxPending = options.maxPending ?? 1000;
    this.#now = options.now ?? Date.now;
  }

  /** Holds and links kept now (for tests and `/health`). */
  get pending(): { holds: number; links: number } {
    return { holds: this.#holds.size, links: this.#links.size };
  }

  /**
   * Forgets expired holds and loyalty links, then the oldest beyond `maxPending`: abandoned
   * conversations must not grow the desk. Runs after every new hold and link.
   */
  sweep(): void {
    const now = this.#now();
    for (const [id, hold] of this.#holds) if (Date.parse(hold.expiresAt) <= now) this.#holds.delete(id);
    for (const [code, link] of this.#links) if (link.expiresAt <= now) this.#links.delete(code);
    trimOldest(this.#holds, this.#maxPending);
    trimOldest(this.#links, this.#maxPending);
  }

  /** The price of a stay, in euros. */
  quote(request: StayRequest): number {
    const city = findCity(request.city);
    if (city === undefined) throw new RangeError(`Unknown city: ${request.city}`);
    let total = city.nightlyRateEur * ROOMS[request.room].factor * request.nights;
    for (const extra of request.extras) {
      const { priceEur, per } = EXTRAS[extra];
      total += per === 'stay' ? priceEur : priceEur * request.travellers * request.nights;
    }
    return Math.round(total);
  }

  /** Holds a room at the quoted price. Each call places a new hold: call it once per booking. */
  placeHold(request: StayRequest): Hold {
    const hold: Hold = {
      ...request,
      id: `H-${randomUUID().slice(0, 8).toUpperCase()}`,
      priceEur: this.quote(request),
      expiresAt: new Date(this.#now() + this.#holdTtlMs).toISOString(),
    };
    this.#holds.set(hold.id, hold);
    this.sweep();
    return hold;
  }

  /** Gives a held room back. */
  releaseHold(holdId: string): void {
    this.#holds.delete(holdId);
  }

  /**
   * Turns a hold into a booking. Idempotent per hold: confirming the same hold again returns the
   * same booking with `isNew: false`, so a replayed conversation never books twice.
   * @returns `undefined` when the hold is unknown or expired
   */
  confirm(
    holdId: string,
    email: string,
    owner?: string,
  ): { booking: Booking; isNew: boolean } | undefined {
    const existing = this.#bookingByHold.get(holdId);
    if (existing !== undefined) {
      const booking = this.#bookings.get(existing);
      if (booking !== undefined) return { booking, isNew: false };
    }
    const hold = this.#holds.get(holdId);
    if (hold === undefined || Date.parse(hold.expiresAt) <= this.#now()) return undefined;
    const { id: _holdId, expiresAt: _expiresAt, ...stay } = hold;
    const booking: Booking = {
      ...stay,
      id: `TRP-${this.#nextBooking++}-${randomBytes(5).toString('hex').toUpperCase()}`,
      holdId,
      email,
      bookedAt: new Date(this.#now()).toISOString(),
      ...(owner === undefined ? {} : { owner }),
    };
    this.#holds.delete(holdId);
    this.#bookings.set(booking.id, booking);
    this.#bookingByHold.set(holdId, booking.id);
    return { booking, isNew: true };
  }

  /** Every booking, oldest first (for the operator: never list them to a traveller). */
  bookings(): Booking[] {
    return [...this.#bookings.values()];
  }

  /** The bookings of an authenticated traveller; an anonymous one has no list (only references). */
  bookingsOf(principal: string | undefined): Booking[] {
    if (principal === undefined) return [];
    return this.bookings().filter((booking) => booking.owner === principal);
  }

  /**
   * One booking, for `reader`: a booking made by an authenticated principal is only found for
   * that principal; an anonymous one by whoever has its reference.
   */
  booking(id: string, reader: string | undefined): Booking | undefined {
    const booking = this.#bookings.get(id);
    if (booking === undefined) return undefined;
    return booking.owner === undefined || booking.owner === reader ? booking : undefined;
  }

  /** Flight offers for a route and day: made up, but the same every time for the same query. */
  searchFlights(from: string, to: string, date: string): FlightOffer[] {
    const origin = findCity(from);
    const destination = findCity(to);
    if (origin === undefined || destination === undefined) return [];
    const seed = hash(`${origin.id}|${destination.id}|${date}`);
    return [0, 1, 2, 3]
      .map((index) => {
        const value = hash(`${seed}:${index}`);
        const departMinutes = 6 * 60 + (value % 28) * 30;
        const durationMinutes = 90 + (value % 5) * 25;
        return {
          flight: `${origin.airport}${destination.airport}${100 + (value % 900)}`,
          airline: AIRLINES[value % AIRLINES.length] ?? 'Tern Air',
          from: origin.airport,
          to: destination.airport,
          date,
          departs: clock(departMinutes),
          arrives: clock(departMinutes + durationMinutes),
          priceEur: 59 + (value % 220),
        };
      })
      .sort((a, b) => a.priceEur - b.priceEur);
  }

  /** Starts linking a loyalty account; the code goes into the URL the traveller opens. */
  startLoyaltyLink(programme: string): LoyaltyLink {
    const link: LoyaltyLink = {
      code: randomBytes(16).toString('base64url'),
      programme,
      expiresAt: this.#now() + this.#linkTtlMs,
    };
    this.#links.set(link.code, link);
    this.sweep();
    return link;
  }

  /** Finishes a link (the web page calls this). @returns `undefined` for an unknown code */
  completeLoyaltyLink(code: string, memberId: string): LoyaltyLink | undefined {
    const link = this.loyaltyLink(code);
    if (link === undefined) return undefined;
    link.memberId = memberId;
    return link;
  }

  /** The state of a link. */
  loyaltyLink(code: string): LoyaltyLink | undefined {
    const link = this.#links.get(code);
    return link === undefined || link.expiresAt <= this.#now() ? undefined : link;
  }
}

/** Drops the oldest entries (a `Map` iterates in insertion order) until at most `max` are left. */
function trimOldest(map: Map<string, unknown>, max: number): void {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
}

function hash(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 16777619) >>> 0;
  }
  return value;
}

function clock(minutes: number): string {
  const wrapped = minutes % (24 * 60);
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
}
