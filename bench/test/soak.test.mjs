// The endurance soak in CI, bounded: the same soak as `pnpm soak`, with 20,000 requests (about 15 s
// on 2 cores) against one Tern server on node:http, built from the packages' dist.
// Security checklist F5 (soak: constant live heap, no growth in handles or listeners) and F6 (a
// listen stream whose reader never reads is dropped with bounded memory, others unaffected).
import { describe, expect, it } from 'vitest';
import { runSoak, SOAK_LIMITS } from '../lib/soak.mjs';

const REQUESTS = Number(process.env.TERN_SOAK_REQUESTS ?? 20_000);

describe('soak (F5/F6)', () => {
  it(`serves ${REQUESTS.toLocaleString('en-US')} mixed requests without growing, and drops a stalled listen stream`, async () => {
    const lines = [];
    const report = await runSoak({ requests: REQUESTS, log: (line) => lines.push(line) });
    const first = report.checkpoints[0];
    const last = report.checkpoints.at(-1);

    expect(report.failures, lines.join('\n')).toEqual([]);
    expect(report.requests).toBeGreaterThanOrEqual(REQUESTS);
    // Every kind of request in the mix ran.
    for (const kind of [
      'echo',
      'mrtr',
      'tooLargeDeclared',
      'tooLargeChunked',
      'abortMidBody',
      'abortInHandler',
      'abortStream',
      'missingHeader',
      'oversizedFilter',
      'junkClientInfo',
      'abandonedLegacyAsk',
    ]) {
      expect(report.counts[kind], kind).toBeGreaterThan(0);
    }
    // F5: live heap after GC within a few percent of the warm-up checkpoint at every later one, a
    // bounded warm-up, and nothing left open.
    const allowance = Math.max(first.heapUsed * SOAK_LIMITS.heapGrowthShare, SOAK_LIMITS.heapGrowthBytes);
    expect(report.heapGrowth).toBeLessThanOrEqual(allowance);
    expect(report.warmUpGrowth).toBeLessThanOrEqual(2 * allowance);
    expect(last.handles).toBe(first.handles);
    expect(last.resources).toEqual(first.resources);
    expect(last.busListeners).toBe(first.busListeners);
    // F6: the stalled reader was dropped and closed, the healthy stream got everything.
    expect(report.stalled).toMatchObject({
      dropped: true,
      closedByServer: true,
      callDuringStatus: 200,
    });
    expect(report.stalled.healthyReceived).toBe(report.stalled.published);
    expect(report.stalled.rssGrowth).toBeLessThanOrEqual(SOAK_LIMITS.stalledReaderRssBytes);
  });
});
