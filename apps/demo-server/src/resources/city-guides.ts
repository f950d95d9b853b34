import { ResourceNotFoundError } from '@tern/core-protocol';
import type { McpServer } from '@tern/core-protocol';
import { CITIES, ROOMS, completeCityId, findCity } from '../desk/catalogue.js';
import type { City } from '../desk/catalogue.js';

/** The URI template of the city guides. */
export const GUIDE_TEMPLATE = 'trips://{city}/guide';

/** The URI of one guide. */
export function guideUri(cityId: string): string {
  return `trips://${cityId}/guide`;
}

/**
 * Registers the template `trips://{city}/guide` with completion for `city` (a client can offer
 * `lis` → `lisbon` while the user types). Guides never change while the server runs, so reads
 * may be cached for an hour by anyone.
 */
export function registerCityGuides(server: McpServer): void {
  server.registerResourceTemplate(
    {
      uriTemplate: GUIDE_TEMPLATE,
      name: 'city-guide',
      title: 'City guide',
      description: 'A short guide to a city the desk sells: where to stay, what to do.',
      mimeType: 'text/markdown',
      cache: { ttlMs: 60 * 60 * 1000, cacheScope: 'public' },
      list: () =>
        CITIES.map((city) => ({
          uri: guideUri(city.id),
          name: `${city.id}-guide`,
          title: `${city.name} guide`,
          mimeType: 'text/markdown',
        })),
      complete: { city: (value) => completeCityId(value) },
    },
    (uri, variables) => {
      const city = findCity(String(variables['city']));
      if (city === undefined)
        throw new ResourceNotFoundError(uri, `No guide for ${String(variables['city'])}`);
      return { contents: [{ uri, mimeType: 'text/markdown', text: renderGuide(city) }] };
    },
  );
}

/** The guide of a city, as Markdown. */
export function renderGuide(city: City): string {
  return [
    `# ${city.name}, ${city.country}`,
    '',
    `Fly into ${city.airport}. Rooms from €${city.nightlyRateEur} a night (${ROOMS.standard.title}).`,
    '',
    '## Do not miss',
    '',
    ...city.highlights.map((highlight) => `- ${highlight}`),
    '',
  ].join('\n');
}
