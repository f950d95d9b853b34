import { escapeHtml, page } from './html.js';

/** The tools, as the home page lists them (a test checks this against `tools/list`). */
export const HOME_PAGE_TOOLS: readonly (readonly [name: string, teaches: string])[] = [
  ['search_flights', 'progress notifications on a slow tool, structured output'],
  ['book_trip', 'a form, a hold placed once (ctx.once), then a price confirmation: two rounds of input, three requests'],
  ['connect_loyalty', 'URL-mode elicitation: sign in on a page served by this demo'],
  ['suggest_itinerary', "sampling: the client's model drafts the plan"],
  ['export_itinerary', "roots: saves an .ics file into the client's folder"],
  [
    'compile_travel_report',
    'a long-running task (tasks extension): progress, then a question via tasks/update',
  ],
];

/** `GET /`: what this server is and how to connect to it. */
export function renderHomePage(siteUrl: string, hasWebClient: boolean): string {
  const endpoint = `${siteUrl}/mcp`;
  const rows = HOME_PAGE_TOOLS.map(
    ([name, teaches]) =>
      `<tr><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml(teaches)}</td></tr>`,
  ).join('\n');
  const discover = [
    `curl -s ${endpoint} \\`,
    `  -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \\`,
    `  -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: server/discover' \\`,
    `  -d '{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{`,
    `       "io.modelcontextprotocol/protocolVersion":"2026-07-28",`,
    `       "io.modelcontextprotocol/clientCapabilities":{}}}}'`,
  ].join('\n');
  return page(
    'Tern Travel Desk',
    `<h1>Tern Travel Desk</h1>
<p>An MCP server (protocol revision 2026-07-28) built with Tern,
mounted in an ordinary Express app. The MCP endpoint is <code>${escapeHtml(endpoint)}</code>;
this page and <a href="/health"><code>/health</code></a> are plain Express routes next to it.</p>

<h2>Connect</h2>
${
  hasWebClient
    ? '<p><strong><a href="/app/">Open the browser client</a></strong>: it lists the tools, shows the forms and draws every round of a conversation.</p>'
    : '<p>(The browser client appears at <code>/app/</code> once <code>apps/web-client</code> is built.)</p>'
}
<p>With the terminal client from this repository (interactive: it shows forms and progress):</p>
<pre>pnpm --filter @tern-demo/demo-client start -- --url ${escapeHtml(endpoint)}</pre>
<p>Or the scripted tour that CI runs:</p>
<pre>node apps/demo-client/dist/main.js --url ${escapeHtml(endpoint)} --script apps/demo-client/scripts/tour.json</pre>
<p>Any MCP client that speaks 2026-07-28 over Streamable HTTP works. A raw request:</p>
<pre>${escapeHtml(discover)}</pre>

<h2>Tools</h2>
<table>${rows}</table>

<h2>Also here</h2>
<ul>
<li>Resource template <code>trips://{city}/guide</code>, with completion for <code>city</code></li>
<li>Resource <code>trips://bookings</code> and template <code>trips://bookings/{id}</code>: subscribe to hear about new bookings</li>
<li>Prompt <code>plan_weekend</code> (arguments <code>city</code>, <code>style</code>, both with completion)</li>
</ul>
<p>Only <code>127.0.0.1</code>/<code>localhost</code> on this port (and the web client's) may call the endpoint:
the Host and Origin allow-lists guard against DNS rebinding.</p>`,
  );
}
