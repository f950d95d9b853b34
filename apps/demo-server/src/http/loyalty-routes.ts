import express from 'express';
import type { Router } from 'express';
import type { TravelDesk } from '../desk/travel-desk.js';
import { PROGRAMMES } from '../tools/connect-loyalty.js';
import { escapeHtml, page } from './html.js';

const MEMBER_ID = /^[A-Za-z0-9-]{4,24}$/;

/**
 * The loyalty sign-in page that `connect_loyalty` sends the traveller to (URL-mode elicitation).
 * It stands in for a third-party sign-in: what happens here never passes through the MCP client.
 */
export function createLoyaltyRouter(desk: TravelDesk): Router {
  const router = express.Router();

  router.get('/connect', (req, res) => {
    const code = typeof req.query['code'] === 'string' ? req.query['code'] : '';
    const link = desk.loyaltyLink(code);
    if (link === undefined) {
      res
        .status(404)
        .type('html')
        .send(page('Unknown link', '<h1>This link is unknown or expired.</h1>'));
      return;
    }
    const name = PROGRAMMES[link.programme as keyof typeof PROGRAMMES] ?? link.programme;
    res.type('html').send(
      page(
        `Sign in to ${name}`,
        `<h1>Sign in to ${escapeHtml(name)}</h1>
<p>Link your ${escapeHtml(name)} account to the Tern Travel Desk. (A demo: any member number of
4 to 24 letters, digits or dashes will do; there is no password.)</p>
<form method="post" action="/loyalty/connect">
  <input type="hidden" name="code" value="${escapeHtml(code)}">
  <label>Member number <input name="memberId" required pattern="[A-Za-z0-9-]{4,24}" autofocus></label>
  <button type="submit">Link account</button>
</form>`,
      ),
    );
  });

  router.post('/connect', express.urlencoded({ extended: false, limit: '2kb' }), (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    const code = typeof body?.['code'] === 'string' ? body['code'] : '';
    const memberId = typeof body?.['memberId'] === 'string' ? body['memberId'].trim() : '';
    if (!MEMBER_ID.test(memberId)) {
      res
        .status(400)
        .type('html')
        .send(page('Invalid member number', '<h1>That member number is not valid.</h1>'));
      return;
    }
    const link = desk.completeLoyaltyLink(code, memberId);
    if (link === undefined) {
      res
        .status(404)
        .type('html')
        .send(page('Unknown link', '<h1>This link is unknown or expired.</h1>'));
      return;
    }
    res
      .type('html')
      .send(
        page(
          'Linked',
          '<h1>Account linked</h1><p>You can close this page and confirm in your MCP client.</p>',
        ),
      );
  });

  return router;
}
