// The scale-out suite's setup, shared by its test files: a real redis-server (started here, so a
// test may pause or restart it), three Tern instances and the round-robin proxy, all stopped by
// PID after the file. Missing redis-server fails the file (startRedisServer throws); it never skips.
import { startRedisServer } from '@tern/redis/testing';
import type { RedisServer } from '@tern/redis/testing';
import { afterAll, beforeAll, expect } from 'vitest';
import { startCluster } from './cluster.js';
import type { Cluster, ClusterOptions } from './cluster.js';
import { startProxy } from './round-robin-proxy.js';
import type { ProxyEntry, RoundRobinProxy } from './round-robin-proxy.js';

export interface ScaleOut {
  readonly redis: RedisServer;
  readonly cluster: Cluster;
  readonly proxy: RoundRobinProxy;
  /** What the proxy logs from now on. */
  mark(): () => ProxyEntry[];
}

/** Registers the file's beforeAll/afterAll; the returned object is usable inside tests. */
export function useScaleOut(options: Omit<ClusterOptions, 'redisUrl'> = {}): ScaleOut {
  let redis: RedisServer | undefined;
  let cluster: Cluster | undefined;
  let proxy: RoundRobinProxy | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
    cluster = await startCluster({ ...options, redisUrl: redis.url });
    proxy = await startProxy(cluster.instances);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await cluster?.stop();
    await redis?.stop();
  }, 30_000);
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The scale-out cluster is not started');
    return value;
  };
  return {
    get redis() {
      return started(redis);
    },
    get cluster() {
      return started(cluster);
    },
    get proxy() {
      return started(proxy);
    },
    mark() {
      const log = started(proxy).log;
      const from = log.length;
      return () => log.slice(from);
    },
  };
}

/** Every request was served, and no two in a row by the same instance. */
export function expectRoundRobin(entries: ProxyEntry[]): void {
  expect(entries.every((entry) => entry.instance !== undefined)).toBe(true);
  for (let i = 1; i < entries.length; i += 1) {
    expect(entries[i]?.instance).not.toBe(entries[i - 1]?.instance);
  }
}

/**
 * Sends `poke` (a harmless read) until the proxy's next request goes to none of `avoid`, so the
 * request after it is sure to land on a third instance. Bounded by the cluster's size.
 */
export async function steerAwayFrom(
  scale: ScaleOut,
  avoid: (string | undefined)[],
  poke: () => Promise<unknown>,
): Promise<void> {
  for (
    let i = 0;
    i < scale.cluster.instances.length && avoid.includes(scale.proxy.upcoming());
    i += 1
  ) {
    await poke();
  }
  expect(avoid).not.toContain(scale.proxy.upcoming());
}
