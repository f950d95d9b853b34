// deriveCapabilities and the option defaults. Requirements: #148, #163, #171, #190, #196.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/index.js';
import {
  CURSOR_TTL_MS,
  DEFAULT_CONVERSATION_TTL_MS,
  DEFAULT_STATE_TTL_MS,
  deriveCapabilities,
  resolveLimits,
} from '../../src/server/server-options.js';
import { SdkError } from '@tern/core-protocol';

const NONE = { tools: false, resources: false, prompts: false, completions: false, logging: true };

describe('deriveCapabilities', () => {
  it('declares only logging when nothing is registered (requirements.md #196)', () => {
    expect(deriveCapabilities(NONE, undefined)).toEqual({ logging: {} });
  });

  it('declares each registered kind with the notifications the server sends (requirements.md #148, #163, #171, #190)', () => {
    expect(
      deriveCapabilities(
        { tools: true, resources: true, prompts: true, completions: true, logging: true },
        undefined,
      ),
    ).toEqual({
      tools: { listChanged: true },
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      completions: {},
      logging: {},
    });
  });

  it('leaves logging out when the logging option is off (requirements.md #195)', () => {
    expect(deriveCapabilities({ ...NONE, logging: false }, undefined)).toEqual({});
  });

  it('lets the capabilities option add to or replace a derived entry', () => {
    expect(
      deriveCapabilities(
        { ...NONE, tools: true },
        { tools: { listChanged: false }, extensions: { 'com.example/x': {} } },
      ),
    ).toEqual({
      tools: { listChanged: false },
      logging: {},
      extensions: { 'com.example/x': {} },
    });
  });
});

describe('DEFAULT_LIMITS', () => {
  it('documents the defaults of every limit', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxRounds: 10,
      maxAsksPerRound: 16,
      pageSize: 100,
      maxListenStreams: 1000,
      maxListenStreamsPerClient: 16,
      maxListenResourceUris: 32,
      maxListenUriLength: 1024,
      maxListenIdLength: 128,
      progressBurst: 10,
      progressPerSecond: 20,
      onceSettleMs: 10_000,
      maxJournalBytes: 48 * 1024,
    });
    expect(DEFAULT_STATE_TTL_MS).toBe(15 * 60 * 1000);
    expect(DEFAULT_CONVERSATION_TTL_MS).toBe(60 * 60 * 1000);
    expect(CURSOR_TTL_MS).toBe(24 * 60 * 60 * 1000);
  });
});

describe('resolveLimits', () => {
  it('fills in the defaults', () => {
    expect(resolveLimits(undefined)).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ maxRounds: 3 })).toEqual({ ...DEFAULT_LIMITS, maxRounds: 3 });
  });

  it.each([
    ['pageSize', 0],
    ['maxRounds', -1],
    ['maxAsksPerRound', 1.5],
    ['maxListenStreams', Number.NaN],
    ['progressPerSecond', 0],
    ['progressPerSecond', Number.POSITIVE_INFINITY],
    ['onceSettleMs', 0],
    ['maxJournalBytes', -1],
  ] as const)('refuses %s = %s with a usage error when the server is built', (name, value) => {
    expect(() => resolveLimits({ [name]: value })).toThrow(SdkError);
  });
});
