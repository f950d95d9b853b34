/**
 * Turns off Zod's JIT before any schema is built. Zod probes for `new Function` once (when the
 * first object schema is created) and falls back when it is refused; under this page's strict
 * Content-Security-Policy (no `unsafe-eval`) the refused probe is still reported as a
 * `securitypolicyviolation`. With `jitless` there is no probe. Import this module first.
 */
import { config } from 'zod';

config({ jitless: true });
