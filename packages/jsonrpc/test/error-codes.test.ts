import { describe, expect, it } from 'vitest';
import {
  errorCodeName,
  isKnownErrorCode,
  isLegacyImplementationCode,
  isSpecReservedCode,
  JsonRpcErrorCode,
  LegacyErrorCode,
  RetiredDraftErrorCode,
} from '../src/index.js';

describe('JsonRpcErrorCode', () => {
  it('holds the 2026-07-28 codes when compared with the spec table (stateless.md section 14)', () => {
    expect(JsonRpcErrorCode).toEqual({
      ParseError: -32700,
      InvalidRequest: -32600,
      MethodNotFound: -32601,
      InvalidParams: -32602,
      InternalError: -32603,
      HeaderMismatch: -32020,
      MissingRequiredClientCapability: -32021,
      UnsupportedProtocolVersion: -32022,
    });
  });

  it('keeps every code distinct when the table is inverted', () => {
    const codes = Object.values(JsonRpcErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('shares no number with the legacy or retired draft tables', () => {
    const current = new Set<number>(Object.values(JsonRpcErrorCode));
    for (const code of [
      ...Object.values(LegacyErrorCode),
      ...Object.values(RetiredDraftErrorCode),
    ]) {
      expect(current.has(code)).toBe(false);
    }
  });
});

describe('LegacyErrorCode', () => {
  it('holds the codes 2026-07-28 servers must not emit (requirements.md #15)', () => {
    expect(LegacyErrorCode).toEqual({ ResourceNotFound: -32002, UrlElicitationRequired: -32042 });
  });
});

describe('RetiredDraftErrorCode', () => {
  it('holds the draft numbers that were renumbered before release (README fact 1)', () => {
    expect(RetiredDraftErrorCode).toEqual({
      HeaderMismatch: -32001,
      MissingRequiredClientCapability: -32003,
      UnsupportedProtocolVersion: -32004,
    });
  });
});

describe('errorCodeName', () => {
  it('returns the table key when the code is in JsonRpcErrorCode', () => {
    for (const [name, code] of Object.entries(JsonRpcErrorCode)) {
      expect(errorCodeName(code)).toBe(name);
    }
  });

  it('returns undefined when the code is legacy, a retired draft number or unknown', () => {
    expect(errorCodeName(LegacyErrorCode.ResourceNotFound)).toBeUndefined();
    expect(errorCodeName(RetiredDraftErrorCode.HeaderMismatch)).toBeUndefined();
    expect(errorCodeName(-1)).toBeUndefined();
    expect(errorCodeName(Number.NaN)).toBeUndefined();
  });
});

describe('isKnownErrorCode', () => {
  it('accepts exactly the codes of JsonRpcErrorCode', () => {
    expect(isKnownErrorCode(-32022)).toBe(true);
    expect(isKnownErrorCode(-32700)).toBe(true);
    expect(isKnownErrorCode(-32004)).toBe(false);
    expect(isKnownErrorCode(-32002)).toBe(false);
  });
});

describe('isSpecReservedCode', () => {
  it('accepts -32099..-32020 when given the bounds and the defined codes (requirements.md #14)', () => {
    expect(isSpecReservedCode(-32020)).toBe(true);
    expect(isSpecReservedCode(-32022)).toBe(true);
    expect(isSpecReservedCode(-32042)).toBe(true);
    expect(isSpecReservedCode(-32099)).toBe(true);
  });

  it('rejects codes just outside the range and non-integers', () => {
    expect(isSpecReservedCode(-32019)).toBe(false);
    expect(isSpecReservedCode(-32100)).toBe(false);
    expect(isSpecReservedCode(-32020.5)).toBe(false);
    expect(isSpecReservedCode(-32700)).toBe(false);
  });
});

describe('isLegacyImplementationCode', () => {
  it('accepts -32019..-32000 when given the bounds and the retired numbers (requirements.md #12, #13)', () => {
    expect(isLegacyImplementationCode(-32000)).toBe(true);
    expect(isLegacyImplementationCode(-32019)).toBe(true);
    expect(isLegacyImplementationCode(LegacyErrorCode.ResourceNotFound)).toBe(true);
    for (const code of Object.values(RetiredDraftErrorCode)) {
      expect(isLegacyImplementationCode(code)).toBe(true);
    }
  });

  it('rejects codes just outside the range and non-integers', () => {
    expect(isLegacyImplementationCode(-31999)).toBe(false);
    expect(isLegacyImplementationCode(-32020)).toBe(false);
    expect(isLegacyImplementationCode(-32000.5)).toBe(false);
  });
});
