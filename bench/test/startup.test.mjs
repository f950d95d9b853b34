// The start-up part of the bench (lib/startup.mjs) produces sane figures: cold starts that got the
// echo's answer, module counts that add up, browser bundles that build and actually run the
// client flow against a Tern server, and a report section that replaces itself. No timing
// thresholds: the figures are for RESULTS.md, the machine decides their size.
import { describe, expect, it } from 'vitest';
import { buildBundles, verifyBundles } from '../lib/bundle-size.mjs';
import { COLD_SERVERS, runColdStarts } from '../lib/cold-start.mjs';
import { referenceEntries, runImportStats, ternEntries } from '../lib/import-stats.mjs';
import { startServer } from '../lib/processes.mjs';
import {
  renderStartupSection,
  SECTION_END,
  SECTION_START,
  spliceStartupSection,
  startupTargets,
} from '../lib/startup.mjs';

describe('start-up bench', () => {
  it('times a cold start to the first answered tools/call, over HTTP and stdio', async () => {
    const servers = COLD_SERVERS.filter((server) =>
      ['tern-node', 'tern-stdio', 'official-stdio'].includes(server.name),
    );
    const rows = await runColdStarts({ runs: 1, servers });
    for (const row of rows) {
      expect(row, row.reason).toMatchObject({ status: 'ok', runs: 1 });
      expect(row.firstCallMs).toBeGreaterThan(0);
      expect(row.cpuMs).toBeGreaterThan(0);
      expect(row.rss).toBeGreaterThan(0);
    }
    const http = rows.find((row) => row.name === 'tern-node');
    expect(http.listenMs).toBeLessThanOrEqual(http.firstCallMs);
  });

  it('counts the modules of each entry by package', () => {
    const entries = ternEntries();
    const names = entries.map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['@tern/core-protocol', '@tern/stdio']));
    expect(names.some((name) => name.includes('/testing'))).toBe(false);
    const picked = [
      ...entries.filter((entry) => ['@tern/jsonrpc', '@tern/stdio'].includes(entry.name)),
      ...referenceEntries().filter((entry) => entry.name === 'zod'),
    ];
    const [jsonrpc, stdio, zod] = runImportStats({ runs: 1, entries: picked });
    for (const row of [jsonrpc, stdio, zod]) {
      const sum = Object.values(row.byOwner).reduce((total, count) => total + count, 0);
      expect(sum).toBe(row.total);
      expect(row.wallMs).toBeGreaterThan(0);
    }
    expect(jsonrpc.byOwner).toEqual({ '@tern/jsonrpc': jsonrpc.total });
    expect(zod.byOwner).toEqual({ zod: zod.total });
    // A 2026-07-28 stdio server does not load the dual-era layer: only its options entry (the
    // entry, the options, the era store and the era probe rules).
    expect(stdio.byOwner['@tern/legacy-compat']).toBeLessThanOrEqual(4);
  });

  it('builds the browser clients, and the bundles run the client flow', async () => {
    const bundles = await buildBundles();
    expect(bundles.map((row) => `${row.bundle}/${row.variant}`)).toEqual([
      'tern/with-zod',
      'tern/without-zod',
      'official/with-zod',
      'official/without-zod',
    ]);
    for (const row of bundles) {
      expect(row.gzipBytes).toBeGreaterThan(0);
      expect(row.gzipBytes).toBeLessThan(row.minifiedBytes);
      if (row.variant === 'without-zod') expect(row.byOwner.zod).toBeUndefined();
      else expect(row.byOwner.zod).toBeGreaterThan(0);
    }
    // The browser client pulls in no server package.
    const tern = bundles.find((row) => row.bundle === 'tern' && row.variant === 'with-zod');
    expect(Object.keys(tern.byOwner)).not.toContain('@tern/server-http');

    const server = await startServer('tern-node');
    let seen;
    try {
      seen = await verifyBundles(bundles, server.url);
    } finally {
      await server.stop();
    }
    // Both clients saw the same server, its tools, and booked the trip after two answers.
    expect(seen.tern).toEqual(seen.official);
    expect(seen.tern).toMatchObject({ server: 'tern-bench', text: 'Booked 2 nights in Lisbon.' });
    expect(seen.tern.tools).toEqual(expect.arrayContaining(['echo', 'book']));

    const startup = {
      runs: 1,
      loadAverage: { start: 1, end: 1 },
      coldStarts: [],
      imports: [],
      bundles,
      bundleCheck: seen,
    };
    const targets = startupTargets(startup);
    expect(targets.filter((target) => target.name.startsWith('browser'))).toHaveLength(2);
    expect(targets.every((target) => typeof target.measured === 'string')).toBe(true);
    const section = renderStartupSection(startup);
    const report = spliceStartupSection('# Results\n\nrows\n', section);
    expect(report.startsWith('# Results\n\nrows\n')).toBe(true);
    expect(report).toContain(SECTION_START);
    const again = spliceStartupSection(report, section.replace('Browser client bundle', 'X'));
    expect(again.split(SECTION_START)).toHaveLength(2);
    expect(again.split(SECTION_END)).toHaveLength(2);
    expect(again).not.toContain('### Browser client bundle');
  });
});
