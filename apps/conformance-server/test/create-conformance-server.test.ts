import type { McpServer } from '@tern/core-protocol';
import { ServerDriver } from '@tern/core-protocol/testing';
import { describe, expect, it } from 'vitest';
import { createConformanceServer } from '../src/create-conformance-server.js';

const KEY = { id: 'test', secret: new Uint8Array(32).fill(7) };
const ALL_CAPABILITIES = { elicitation: {}, sampling: {}, roots: {} };

function setup(capabilities: Record<string, unknown> = ALL_CAPABILITIES): {
  server: McpServer;
  driver: ServerDriver;
} {
  const server = createConformanceServer({ requestStateKeys: [KEY] });
  return { server, driver: new ServerDriver(server, { capabilities }) };
}

describe('createConformanceServer', () => {
  it('lists test_simple_text first and describes every tool', async () => {
    const { driver } = setup();
    const result = await driver.request('tools/list');
    const tools = result['tools'] as { name: string; description?: string }[];
    expect(tools[0]?.name).toBe('test_simple_text');
    expect(
      tools.every((tool) => typeof tool.description === 'string' && tool.description.length > 0),
    ).toBe(true);
    expect(result).toMatchObject({ ttlMs: 0, cacheScope: 'private' });
  });

  it('keeps the JSON Schema 2020-12 keywords of json_schema_2020_12_tool', async () => {
    const { driver } = setup();
    const tools = (await driver.request('tools/list'))['tools'] as {
      name: string;
      inputSchema: Record<string, unknown>;
    }[];
    const schema = tools.find((tool) => tool.name === 'json_schema_2020_12_tool')?.inputSchema;
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $defs: { address: { $anchor: 'addressDef' } },
      allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
      additionalProperties: false,
    });
    expect(schema).toHaveProperty('if');
    expect(schema).toHaveProperty('else');
  });

  it('reports progress 0, 50 and 100 when the request carries a progress token', async () => {
    const { driver } = setup();
    const { notifications } = await driver.exchange(
      'tools/call',
      { name: 'test_tool_with_progress', arguments: {} },
      { meta: { progressToken: 'p-1' } },
    );
    const progress = notifications.map((n) => n.params?.['progress']);
    expect(progress).toEqual([0, 50, 100]);
  });

  it('turns test_error_handling into a tool error result', async () => {
    const { driver } = setup();
    const result = await driver.request('tools/call', {
      name: 'test_error_handling',
      arguments: {},
    });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }],
    });
  });

  it('asks for "user_name" and greets on the retry', async () => {
    const { driver } = setup();
    const { result, rounds } = await driver.converse(
      'tools/call',
      { name: 'test_input_required_result_elicitation', arguments: {} },
      () => ({ user_name: { action: 'accept', content: { name: 'Alice' } } }),
    );
    expect(Object.keys(rounds[0]?.['inputRequests'] as object)).toEqual(['user_name']);
    expect(result['content']).toEqual([{ type: 'text', text: 'Hello, Alice!' }]);
  });

  it('asks three kinds of input in one round in test_input_required_result_multiple_inputs', async () => {
    const { driver } = setup();
    const first = await driver.request('tools/call', {
      name: 'test_input_required_result_multiple_inputs',
      arguments: {},
    });
    const requests = first['inputRequests'] as Record<string, { method: string }>;
    expect(
      Object.values(requests)
        .map((request) => request.method)
        .sort(),
    ).toEqual(['elicitation/create', 'roots/list', 'sampling/createMessage']);
    expect(typeof first['requestState']).toBe('string');
  });

  it('changes the requestState between rounds of test_input_required_result_multi_round', async () => {
    const { driver } = setup();
    const { result, rounds } = await driver.converse(
      'tools/call',
      { name: 'test_input_required_result_multi_round', arguments: {} },
      (requests) =>
        'step1' in requests
          ? { step1: { action: 'accept', content: { name: 'Alice' } } }
          : { step2: { action: 'accept', content: { color: 'blue' } } },
    );
    expect(rounds).toHaveLength(2);
    expect(rounds[0]?.['requestState']).not.toBe(rounds[1]?.['requestState']);
    expect(result['content']).toEqual([{ type: 'text', text: 'Alice likes blue.' }]);
  });

  it('rejects a tampered requestState with -32602', async () => {
    const { driver } = setup();
    const first = await driver.request('tools/call', {
      name: 'test_input_required_result_tampered_state',
      arguments: {},
    });
    const retry = driver.request('tools/call', {
      name: 'test_input_required_result_tampered_state',
      arguments: {},
      inputResponses: { confirm: { action: 'accept', content: { ok: true } } },
      requestState: `${String(first['requestState'])}-TAMPERED`,
    });
    await expect(retry).rejects.toMatchObject({ code: -32602 });
  });

  it('asks only with declared capabilities in test_input_required_result_capabilities', async () => {
    const { driver } = setup({ sampling: {} });
    const result = await driver.request('tools/call', {
      name: 'test_input_required_result_capabilities',
      arguments: {},
    });
    const methods = Object.values(
      result['inputRequests'] as Record<string, { method: string }>,
    ).map((r) => r.method);
    expect(methods).toEqual(['sampling/createMessage']);
  });

  it('answers test_missing_capability with -32021 naming sampling when it was not declared', async () => {
    const { driver } = setup({});
    await expect(
      driver.request('tools/call', { name: 'test_missing_capability', arguments: {} }),
    ).rejects.toMatchObject({
      code: -32021,
      data: { requiredCapabilities: { sampling: {} } },
    });
  });

  it('renders test_input_required_result_prompt after the "user_context" answer', async () => {
    const { driver } = setup();
    const { result } = await driver.converse(
      'prompts/get',
      { name: 'test_input_required_result_prompt' },
      () => ({
        user_context: { action: 'accept', content: { context: 'test context' } },
      }),
    );
    expect(JSON.stringify(result['messages'])).toContain('test context');
  });

  it('substitutes the template id and reports -32602 with the uri for an unknown resource', async () => {
    const { driver } = setup();
    const read = await driver.request('resources/read', { uri: 'test://template/123/data' });
    expect(read['contents']).toEqual([
      {
        uri: 'test://template/123/data',
        mimeType: 'application/json',
        text: '{"id":"123","templateTest":true,"data":"Data for ID: 123"}',
      },
    ]);
    const missing = 'test://nonexistent-resource-for-conformance-testing';
    await expect(driver.request('resources/read', { uri: missing })).rejects.toMatchObject({
      code: -32602,
      data: { uri: missing },
    });
  });

  it('completes arg1 of test_prompt_with_arguments by prefix', async () => {
    const { driver } = setup();
    const result = await driver.request('completion/complete', {
      ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
      argument: { name: 'arg1', value: 'par' },
    });
    expect(result['completion']).toMatchObject({ values: ['paris', 'park', 'party'] });
  });

  it('adds and removes test_dynamic_tool on each test_trigger_tool_change call', async () => {
    const { driver } = setup();
    const names = async (): Promise<string[]> =>
      ((await driver.request('tools/list'))['tools'] as { name: string }[]).map(
        (tool) => tool.name,
      );
    await driver.request('tools/call', { name: 'test_trigger_tool_change', arguments: {} });
    expect(await names()).toContain('test_dynamic_tool');
    await driver.request('tools/call', { name: 'test_trigger_tool_change', arguments: {} });
    expect(await names()).not.toContain('test_dynamic_tool');
  });
});
