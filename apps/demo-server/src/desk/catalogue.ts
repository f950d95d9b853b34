/**
 * The travel desk's fixed catalogue: the cities it sells, their airports, hotel rates and a short
 * guide. Everything is made up; prices are in euros.
 */
export interface City {
  /** Lower-case id used in tool arguments and resource URIs (`trips://lisbon/guide`). */
  id: string;
  name: string;
  country: string;
  airport: string;
  /** Hotel price per room and night for the standard room. */
  nightlyRateEur: number;
  /** Three things worth doing, for the guide. */
  highlights: readonly [string, string, string];
}

export const CITIES: readonly City[] = [
  {
    id: 'amsterdam',
    name: 'Amsterdam',
    country: 'Netherlands',
    airport: 'AMS',
    nightlyRateEur: 165,
    highlights: ['Cycle along the Prinsengracht', 'Rijksmuseum before 10:00', 'Dinner in De Pijp'],
  },
  {
    id: 'barcelona',
    name: 'Barcelona',
    country: 'Spain',
    airport: 'BCN',
    nightlyRateEur: 150,
    highlights: [
      'Sagrada Família (book ahead)',
      'Tapas in El Born',
      'Sunset at Bunkers del Carmel',
    ],
  },
  {
    id: 'berlin',
    name: 'Berlin',
    country: 'Germany',
    airport: 'BER',
    nightlyRateEur: 120,
    highlights: ['Museum Island', 'The East Side Gallery', 'Sunday flea market at Mauerpark'],
  },
  {
    id: 'copenhagen',
    name: 'Copenhagen',
    country: 'Denmark',
    airport: 'CPH',
    nightlyRateEur: 180,
    highlights: ['Harbour swim at Islands Brygge', 'Torvehallerne market', 'Bike to Refshaleøen'],
  },
  {
    id: 'lisbon',
    name: 'Lisbon',
    country: 'Portugal',
    airport: 'LIS',
    nightlyRateEur: 110,
    highlights: ['Tram 28 through Alfama', 'Pastéis in Belém', 'Miradouro da Senhora do Monte'],
  },
  {
    id: 'porto',
    name: 'Porto',
    country: 'Portugal',
    airport: 'OPO',
    nightlyRateEur: 95,
    highlights: ['Port cellars in Gaia', 'Livraria Lello early', 'Walk the Dom Luís I bridge'],
  },
  {
    id: 'prague',
    name: 'Prague',
    country: 'Czechia',
    airport: 'PRG',
    nightlyRateEur: 90,
    highlights: ['Charles Bridge at dawn', 'Letná beer garden', 'Vyšehrad fortress'],
  },
  {
    id: 'vienna',
    name: 'Vienna',
    country: 'Austria',
    airport: 'VIE',
    nightlyRateEur: 140,
    highlights: ['Coffee house breakfast', 'Belvedere and the Klimts', 'Heuriger in Grinzing'],
  },
];

/** The ids of every city, for schemas and completion. */
export const CITY_IDS = CITIES.map((city) => city.id) as [string, ...string[]];

/** The city with this id, or `undefined`. */
export function findCity(id: string): City | undefined {
  return CITIES.find((city) => city.id === id.toLowerCase());
}

/** City ids that start with what the user typed so far (case-insensitive). */
export function completeCityId(prefix: string): string[] {
  const typed = prefix.toLowerCase();
  return CITY_IDS.filter((id) => id.startsWith(typed));
}

/** Rooms: the price factor over the nightly rate. */
export const ROOMS = {
  standard: { title: 'Standard double', factor: 1 },
  superior: { title: 'Superior, city view', factor: 1.35 },
  suite: { title: 'Junior suite', factor: 2 },
} as const;

/** A room kind. */
export type RoomKind = keyof typeof ROOMS;

/** Extras: breakfast is priced per traveller and night, the others once per stay. */
export const EXTRAS = {
  breakfast: { title: 'Breakfast', priceEur: 18, per: 'traveller-night' },
  'late-checkout': { title: 'Late check-out', priceEur: 25, per: 'stay' },
  'airport-transfer': { title: 'Airport transfer', priceEur: 45, per: 'stay' },
} as const;

/** An extra. */
export type Extra = keyof typeof EXTRAS;
