// Tern on Express 5: createExpressHandler from the BUILT @tern/server-http, mounted on /mcp the
// way its README recommends (before, and without, express.json(): the transport reads the body).
//
//   PORT=3000 node bench/servers/tern-express.mjs
import express from 'express';
import { createExpressHandler } from '@tern/server-http/adapters/express';
import { serve } from './side-channel.mjs';
import { createBenchServer, httpOptionsFromEnv, ternHooks } from './tern-tools.mjs';

const server = createBenchServer();
await server.ready();

const app = express();
app.use('/mcp', createExpressHandler(server, httpOptionsFromEnv()));

serve(app, ternHooks('tern-express', server));
