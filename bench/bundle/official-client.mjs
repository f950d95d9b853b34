// The browser client of the bundle-size rows (lib/bundle-size.mjs), the official SDK v2
// (@modelcontextprotocol/client), its documented 2026-07-28 setup: connect (server/discover,
// pinned to 2026-07-28), list the tools, call a tool that asks a question, and answer that
// elicitation from the `elicitation/create` handler (called for each input request).
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export async function run(url, answer) {
  const client = new Client(
    { name: 'bundle-bench', version: '1.0.0' },
    {
      capabilities: { elicitation: { form: {} } },
      versionNegotiation: { mode: { pin: '2026-07-28' } },
    },
  );
  client.setRequestHandler('elicitation/create', (request) => ({
    action: 'accept',
    content: answer(request.params),
  }));
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  try {
    const tools = await client.listTools();
    const result = await client.callTool({ name: 'book', arguments: { city: 'Lisbon' } });
    return {
      server: client.getServerVersion()?.name,
      tools: tools.tools.map((tool) => tool.name),
      text: result.content[0]?.text,
    };
  } finally {
    await client.close();
  }
}
