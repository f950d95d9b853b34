// Tern on node:http with its change bus and conversation store on Redis (BUS=redis, REDIS_URL)
// or in memory (BUS=memory), from the BUILT packages: the instances of bench/redis.mjs.
//
//   PORT=3000 BUS=redis REDIS_URL=redis://127.0.0.1:6379 node bench/servers/tern-redis.mjs
import { createServer } from 'node:http';
import { InMemoryChangeBus, McpServer } from '@tern/core-protocol';
import { RedisChangeBus, RedisConnection, RedisConversationStore } from '@tern/redis';
import { createNodeHandler } from '@tern/server-http/adapters/node';
import { z } from 'zod';
import { serve } from './side-channel.mjs';

const onRedis = process.env.BUS === 'redis';
const redis = onRedis
  ? await RedisConnection.connect({ url: process.env.REDIS_URL, keyPrefix: 'bench:' })
  : undefined;
const server = new McpServer(
  { name: 'tern-redis-bench', version: '1.0.0' },
  {
    requestState: {
      keys: [{ id: 'bench1', secret: Buffer.alloc(32, 7).toString('base64') }],
      ...(redis === undefined ? {} : { store: new RedisConversationStore({ connection: redis }) }),
    },
    changeBus:
      redis === undefined ? new InMemoryChangeBus() : new RedisChangeBus({ connection: redis }),
    limits: { maxListenStreams: 2000, maxListenStreamsPerClient: 2000 },
  },
);
server.registerTool(
  'echo',
  { description: 'Answers its text', inputSchema: z.object({ text: z.string() }) },
  ({ text }) => text,
);
await server.ready();
const mcp = createNodeHandler(server);
const http = createServer((req, res) => {
  if (req.url === '/mcp') mcp(req, res);
  else res.writeHead(404).end();
});
serve(http, {
  name: `tern-redis-${onRedis ? 'redis' : 'memory'}`,
  notify: () => server.notifyToolsListChanged(),
});
