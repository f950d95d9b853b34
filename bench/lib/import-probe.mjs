// Run in a fresh process by lib/import-stats.mjs: imports one module (a file URL) and prints, as
// JSON on stdout, the wall and CPU time of the import, or with `--count` the modules it loaded
// (counting hooks slow loading down, so the two are measured in separate processes).
//
//   node lib/import-probe.mjs file:///…/dist/index.js [--count]
import { registerHooks } from 'node:module';

const [target, mode] = process.argv.slice(2);
const loaded = [];
if (mode === '--count') {
  registerHooks({
    load(url, context, nextLoad) {
      if (url.startsWith('file:')) loaded.push(url);
      return nextLoad(url, context);
    },
  });
}
const cpuBefore = process.cpuUsage();
const started = performance.now();
await import(target);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify(
    mode === '--count' ? { modules: loaded } : { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 },
  )}\n`,
);
