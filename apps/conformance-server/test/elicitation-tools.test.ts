import { ServerDriver } from '@tern/core-protocol/testing';
import { describe, expect, it } from 'vitest';
import { createConformanceServer } from '../src/create-conformance-server.js';

const KEY = { id: 'test', secret: new Uint8Array(32).fill(7) };

function driver(): ServerDriver {
  return new ServerDriver(createConformanceServer({ requestStateKeys: [KEY] }), {
    capabilities: { elicitation: {} },
  });
}

describe('registerElicitationTools', () => {
  it('asks for a form whose fields all carry their SEP-1034 defaults', async () => {
    const { result, rounds } = await driver().converse(
      'tools/call',
      { name: 'test_elicitation_sep1034_defaults', arguments: {} },
      (requests) => ({
        [Object.keys(requests)[0] ?? '']: {
          action: 'accept',
          content: { name: 'Jane Smith', age: 25, score: 88, status: 'inactive', verified: false },
        },
      }),
    );
    const request = (
      rounds[0]?.['inputRequests'] as Record<
        string,
        { params: { requestedSchema: { properties: Record<string, { default?: unknown }> } } }
      >
    )[Object.keys(rounds[0]?.['inputRequests'] ?? {})[0] ?? ''];
    const defaults = Object.fromEntries(
      Object.entries(request?.params.requestedSchema.properties ?? {}).map(([name, field]) => [
        name,
        field.default,
      ]),
    );
    expect(defaults).toEqual({
      name: 'John Doe',
      age: 30,
      score: 95.5,
      status: 'active',
      verified: true,
    });
    expect(result['content']).toEqual([
      {
        type: 'text',
        text: 'Elicitation completed: action=accept, content={"name":"Jane Smith","age":25,"score":88,"status":"inactive","verified":false}',
      },
    ]);
  });

  it('asks for the five SEP-1330 enum shapes and accepts an answer for each', async () => {
    const { result, rounds } = await driver().converse(
      'tools/call',
      { name: 'test_elicitation_sep1330_enums', arguments: {} },
      (requests) => ({
        [Object.keys(requests)[0] ?? '']: {
          action: 'accept',
          content: {
            untitledSingle: 'option1',
            titledSingle: 'value1',
            legacyEnum: 'opt1',
            untitledMulti: ['option1', 'option2'],
            titledMulti: ['value1', 'value2'],
          },
        },
      }),
    );
    const request = (
      rounds[0]?.['inputRequests'] as Record<
        string,
        { params: { requestedSchema: { properties: Record<string, unknown> } } }
      >
    )[Object.keys(rounds[0]?.['inputRequests'] ?? {})[0] ?? ''];
    expect(request?.params.requestedSchema.properties).toMatchObject({
      legacyEnum: { enumNames: ['Option One', 'Option Two', 'Option Three'] },
      titledMulti: {
        type: 'array',
        items: { anyOf: [{ const: 'value1', title: 'First Choice' }, {}, {}] },
      },
    });
    expect(String((result['content'] as { text: string }[])[0]?.text)).toContain('action=accept');
  });
});

describe('registerLegacyTools', () => {
  it('answers test_reconnection for a modern client, where there is no stream to close', async () => {
    const result = await driver().request('tools/call', {
      name: 'test_reconnection',
      arguments: {},
    });
    expect(result['content']).toEqual([{ type: 'text', text: 'Reconnection test completed.' }]);
  });
});
