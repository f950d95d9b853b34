import { describe, expect, it } from 'vitest';
import {
  InputRequestSchema,
  InputRequiredResultSchema,
  InputResponsesSchema,
  MRTR_METHODS,
} from '../src/index.js';

describe('InputRequiredResultSchema', () => {
  it('rejects a result with neither inputRequests nor requestState', () => {
    expect(InputRequiredResultSchema.safeParse({ resultType: 'input_required' }).success).toBe(
      false,
    );
  });

  it('accepts inputRequests alone, requestState alone, or both', () => {
    const inputRequests = { roots: { method: 'roots/list' } };
    for (const result of [
      { resultType: 'input_required', inputRequests },
      { resultType: 'input_required', requestState: 'opaque' },
      { resultType: 'input_required', inputRequests, requestState: '' },
    ]) {
      expect(InputRequiredResultSchema.parse(result)).toEqual(result);
    }
  });

  it('pins resultType to "input_required"', () => {
    expect(
      InputRequiredResultSchema.safeParse({ resultType: 'complete', requestState: 's' }).success,
    ).toBe(false);
  });
});

describe('InputRequestSchema', () => {
  it('discriminates on method', () => {
    expect(InputRequestSchema.safeParse({ method: 'ping' }).success).toBe(false);
    expect(InputRequestSchema.parse({ method: 'roots/list' })).toEqual({ method: 'roots/list' });
  });

  it('treats an elicitation without mode as form mode', () => {
    const request = {
      method: 'elicitation/create',
      params: {
        message: 'Name?',
        requestedSchema: { type: 'object', properties: { n: { type: 'string' } } },
      },
    };
    expect(InputRequestSchema.parse(request)).toEqual(request);
  });

  it('requires url on a URL-mode elicitation', () => {
    const request = { method: 'elicitation/create', params: { mode: 'url', message: 'Link' } };
    expect(InputRequestSchema.safeParse(request).success).toBe(false);
  });
});

describe('InputResponsesSchema', () => {
  it('accepts the three kinds of response keyed by correlation key', () => {
    const responses = {
      approve: { action: 'accept', content: { confirm: true, age: 30.5 } },
      workspace: { roots: [{ uri: 'file:///app' }] },
      summary: { role: 'assistant', content: { type: 'text', text: 'ok' }, model: 'm' },
    };
    expect(InputResponsesSchema.parse(responses)).toEqual(responses);
  });
});

describe('MRTR_METHODS', () => {
  it('lists exactly the three methods that may answer input_required', () => {
    expect(MRTR_METHODS).toEqual(['tools/call', 'prompts/get', 'resources/read']);
  });
});
