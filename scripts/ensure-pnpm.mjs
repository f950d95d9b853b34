#!/usr/bin/env node
// Makes the pinned pnpm of package.json available on a machine that has only Node and npm
// (scripts/lib/bootstrap.mjs); scripts/ensure-pnpm.sh runs it for `npm test` and `npm run demo`.
// A private copy, when a global install is not allowed, lands in .tools/node_modules/.bin.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrap } from './lib/bootstrap.mjs';

bootstrap({ root: join(dirname(fileURLToPath(import.meta.url)), '..'), workspace: false });
