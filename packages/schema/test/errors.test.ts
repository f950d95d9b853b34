import { describe, expect, it } from 'vitest';
import {
  InvalidParamsErrorSchema,
  MissingRequiredClientCapabilityErrorSchema,
  UnsupportedProtocolVersionErrorSchema,
} from '../src/index.js';

describe('UnsupportedProtocolVersionErrorSchema', () => {
  it('requires data.supported and data.requested', () => {
    const response = {
      jsonrpc: '2.0',
      id: 4,
      error: {
        code: -32022,
        message: 'Unsupported',
        data: { supported: ['2026-07-28'], requested: '2027-01-15' },
      },
    };
    expect(UnsupportedProtocolVersionErrorSchema.parse(response)).toEqual(response);
    const withDraftNames = {
      ...response,
      error: { ...response.error, data: { supportedVersions: [] } },
    };
    expect(UnsupportedProtocolVersionErrorSchema.safeParse(withDraftNames).success).toBe(false);
  });

  it('pins the code', () => {
    const response = {
      jsonrpc: '2.0',
      error: { code: -32004, message: 'x', data: { supported: [], requested: 'y' } },
    };
    expect(UnsupportedProtocolVersionErrorSchema.safeParse(response).success).toBe(false);
  });
});

describe('MissingRequiredClientCapabilityErrorSchema', () => {
  it('expects requiredCapabilities as a ClientCapabilities object, not a list', () => {
    const response = (requiredCapabilities: unknown) => ({
      jsonrpc: '2.0',
      id: 'c-90',
      error: { code: -32021, message: 'x', data: { requiredCapabilities } },
    });
    expect(
      MissingRequiredClientCapabilityErrorSchema.safeParse(response({ elicitation: { form: {} } }))
        .success,
    ).toBe(true);
    expect(
      MissingRequiredClientCapabilityErrorSchema.safeParse(response(['elicitation'])).success,
    ).toBe(false);
  });
});

describe('InvalidParamsErrorSchema', () => {
  it('accepts the resource-not-found shape with data.uri', () => {
    const error = {
      code: -32602,
      message: 'Resource not found',
      data: { uri: 'file:///missing.txt' },
    };
    expect(InvalidParamsErrorSchema.parse(error)).toEqual(error);
  });
});
