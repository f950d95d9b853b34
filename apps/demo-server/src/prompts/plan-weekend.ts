import type { McpServer } from '@tern/core-protocol';
import { z } from 'zod';
import { CITY_IDS, completeCityId, findCity } from '../desk/catalogue.js';
import { guideUri, renderGuide } from '../resources/city-guides.js';

const STYLES = ['relaxed', 'packed', 'food', 'culture'] as const;

/**
 * `plan_weekend`: a prompt with arguments, both with completion. It embeds the city's guide so the
 * model gets the desk's own facts along with the request.
 */
export function registerPlanWeekend(server: McpServer): void {
  server.registerPrompt(
    'plan_weekend',
    {
      title: 'Plan a weekend',
      description: 'Asks the model for a weekend plan in a city, in a given style.',
      arguments: z.object({
        city: z.enum(CITY_IDS).describe('City id, e.g. lisbon'),
        style: z
          .enum(STYLES)
          .optional()
          .describe('relaxed, packed, food or culture (default relaxed)'),
      }),
      complete: {
        city: (value) => completeCityId(value),
        style: (value) => STYLES.filter((style) => style.startsWith(value.toLowerCase())),
      },
    },
    ({ city, style = 'relaxed' }) => {
      const info = findCity(city);
      const name = info?.name ?? city;
      return {
        description: `A ${style} weekend in ${name}`,
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: `Plan a ${style} weekend in ${name}: Saturday and Sunday, morning, afternoon and evening. Use the guide below.`,
            },
          },
          {
            role: 'user',
            content: {
              type: 'resource',
              resource: {
                uri: guideUri(city),
                mimeType: 'text/markdown',
                text: info === undefined ? '' : renderGuide(info),
              },
            },
          },
        ],
      };
    },
  );
}
