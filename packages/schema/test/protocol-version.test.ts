import { describe, expect, it } from 'vitest';
import {
  isLegacyProtocolVersion,
  isModernProtocolVersion,
  LATEST_PROTOCOL_VERSION,
  LEGACY_PROTOCOL_VERSIONS,
  MODERN_PROTOCOL_VERSIONS,
} from '../src/index.js';

describe('LATEST_PROTOCOL_VERSION', () => {
  it('is the newest modern version', () => {
    expect(LATEST_PROTOCOL_VERSION).toBe('2026-07-28');
    expect(MODERN_PROTOCOL_VERSIONS[0]).toBe(LATEST_PROTOCOL_VERSION);
  });
});

describe('isModernProtocolVersion', () => {
  it('recognises only modern versions', () => {
    expect(isModernProtocolVersion('2026-07-28')).toBe(true);
    expect(isModernProtocolVersion('2025-11-25')).toBe(false);
    expect(isModernProtocolVersion('2026-07-28 ')).toBe(false);
    expect(isModernProtocolVersion(undefined)).toBe(false);
  });
});

describe('isLegacyProtocolVersion', () => {
  it('recognises the three legacy versions and nothing else', () => {
    for (const version of LEGACY_PROTOCOL_VERSIONS)
      expect(isLegacyProtocolVersion(version)).toBe(true);
    expect(isLegacyProtocolVersion('2024-11-05')).toBe(false);
    expect(isLegacyProtocolVersion('2026-07-28')).toBe(false);
  });
});
