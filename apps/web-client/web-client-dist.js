// The one Node-side export of @tern-demo/web-client: where `vite build` writes the page, so a
// server (apps/demo-server) can serve it as static files next to its MCP endpoint.
import { fileURLToPath } from 'node:url';

/** Absolute path of the built page (`dist/`, with a trailing separator). Run `build` first. */
export const webClientDist = fileURLToPath(new URL('./dist/', import.meta.url));
