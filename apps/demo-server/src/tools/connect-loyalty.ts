import type { McpServer } from '@tern/core-protocol';
import { z } from 'zod';
import type { TravelDesk } from '../desk/travel-desk.js';

/** The loyalty programmes the desk can link to. */
export const PROGRAMMES = {
  'tern-miles': 'Tern Miles',
  'harbour-club': 'Harbour Club Hotels',
} as const;

/** The most times the tool asks whether the traveller finished signing in. */
const MAX_CHECKS = 3;

/**
 * `connect_loyalty`: a URL-mode elicitation. Signing in to a loyalty programme must not pass
 * through the MCP client, so the tool sends the traveller to a page (served by this demo at
 * /loyalty/connect) and checks the outcome when the conversation comes back.
 */
export function registerConnectLoyalty(
  server: McpServer,
  desk: TravelDesk,
  siteUrl: () => string,
): void {
  server.registerTool(
    'connect_loyalty',
    {
      title: 'Connect a loyalty account',
      description: 'Links a loyalty programme account to your trips. You sign in on a web page.',
      inputSchema: z.object({
        programme: z
          .enum(Object.keys(PROGRAMMES) as [keyof typeof PROGRAMMES])
          .describe('Loyalty programme'),
      }),
      annotations: { openWorldHint: true },
    },
    async ({ programme }, ctx) => {
      const name = PROGRAMMES[programme];
      // The link code is the secret in the URL: create it once per conversation.
      const link = await ctx.once('link', () => desk.startLoyaltyLink(programme));
      const url = `${siteUrl()}/loyalty/connect?code=${encodeURIComponent(link.code)}`;

      const opened = await ctx.elicitUrl(
        `Sign in to ${name} to link your account to your trips.`,
        url,
        {
          key: 'sign-in',
        },
      );
      // `accept` means the traveller agreed to open the page, not that they finished there.
      if (opened.action !== 'accept') return `${name} was not linked.`;

      // Whether the page was finished is outside data, so every later ask has an explicit key.
      for (let check = 1; ; check += 1) {
        const memberId = desk.loyaltyLink(link.code)?.memberId;
        if (memberId !== undefined) {
          return {
            content: [
              { type: 'text', text: `Linked ${name} account ${mask(memberId)} to your trips.` },
            ],
            structuredContent: { programme, member: mask(memberId) },
          };
        }
        if (check > MAX_CHECKS)
          return `${name} was not linked: the sign-in page was not completed.`;
        const done = await ctx.elicit(
          check === 1
            ? `Finish signing in on the page (${url}), then confirm here.`
            : 'The sign-in page has not been completed yet. Try again?',
          z.object({ done: z.boolean().meta({ title: 'I have signed in' }) }),
          { key: `signed-in-${check}` },
        );
        if (done.action !== 'accept' || !done.content.done) return `${name} was not linked.`;
      }
    },
  );
}

function mask(memberId: string): string {
  return `••••${memberId.slice(-4)}`;
}
