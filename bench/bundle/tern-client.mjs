// The browser client of the bundle-size rows (lib/bundle-size.mjs), Tern: connect (server/discover),
// list the tools, call a tool that asks a question, and answer that elicitation from a handler.
// `run(url)` is what a page would do; the bench also runs the bundle against a bench server, so
// the size measured is the size of code that works.
import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient } from '@tern/core-protocol';

export async function run(url, answer) {
  const client = new McpClient(
    { name: 'bundle-bench', version: '1.0.0' },
    {
      transport: new StreamableHttpTransport({ url }),
      handlers: { elicitForm: (params) => ({ action: 'accept', content: answer(params) }) },
    },
  );
  const discovered = await client.discover();
  const tools = await client.listTools();
  const result = await client.callTool('book', { city: 'Lisbon' });
  return {
    server: discovered._meta?.['io.modelcontextprotocol/serverInfo']?.name,
    tools: tools.tools.map((tool) => tool.name),
    text: result.content[0]?.text,
  };
}
