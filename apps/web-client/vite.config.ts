/**
 * Bundles the page with Vite 7 (Vite 8 does not run on the Node 20 machines this repo targets).
 *
 * - `build` writes `dist/` from the built `dist/` of Tern's packages (turbo builds them first).
 * - `dev` and `start` (`vite preview`) read Tern's TypeScript sources through the `@tern/source`
 *   condition (dev only) and proxy `/mcp` to the demo server, so the page and its MCP endpoint
 *   share one origin and no CORS is needed. `TERN_MCP_SERVER` changes the proxy target.
 */
import { defaultClientConditions, defineConfig } from 'vite';
import type { ProxyOptions } from 'vite';

const target = process.env['TERN_MCP_SERVER'] ?? 'http://127.0.0.1:3030';
// The proxy keeps the browser's Host and Origin (127.0.0.1 and a local port), which the demo
// server's default DNS-rebinding checks accept.
const proxy: Record<string, ProxyOptions> = { '/mcp': { target, changeOrigin: false } };

export default defineConfig(({ command }) => ({
  // Relative asset URLs: the page works wherever a server mounts it (`/`, `/app/`, ...).
  base: './',
  resolve: command === 'serve' ? { conditions: ['@tern/source', ...defaultClientConditions] } : {},
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, proxy },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
}));
