// completion/complete. Requirements: #55 (completion never asks), #190 (completions capability
// only with a completer), #191 (-32602 for an unknown reference), #192 (at most 100 values).
import { MetaKey } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { ServerDriver } from '../../../src/testing/index.js';
import { createTestServer, errorOf, SERVER_INFO } from '../helpers/server-fixtures.js';

const LANGUAGES = ['go', 'haskell', 'javascript', 'java', 'python', 'typescript'];

function completionServer() {
  const { server } = createTestServer();
  const contexts: unknown[] = [];
  server.registerPrompt(
    'review',
    {
      arguments: [{ name: 'language', required: true }, { name: 'framework' }, { name: 'style' }],
      complete: {
        language: (value, context) => {
          contexts.push(context);
          return LANGUAGES.filter((language) => language.startsWith(value));
        },
        framework: (_value, context) =>
          context.arguments['language'] === 'python' ? ['django', 'flask'] : ['express'],
      },
    },
    () => ({ messages: [] }),
  );
  server.registerResourceTemplate(
    {
      uriTemplate: 'repo://{owner}/{name}',
      name: 'repos',
      complete: {
        owner: (value) =>
          Promise.resolve(['tern', 'terraform'].filter((owner) => owner.startsWith(value))),
      },
    },
    (uri) => ({ contents: [{ uri, text: '' }] }),
  );
  return { server, contexts, driver: new ServerDriver(server) };
}

describe('complete', () => {
  it('completes a prompt argument and gives the callback the resolved arguments (and nothing to ask with)', async () => {
    const { driver, contexts } = completionServer();
    expect(
      await driver.request('completion/complete', {
        ref: { type: 'ref/prompt', name: 'review' },
        argument: { name: 'language', value: 'ja' },
        context: { arguments: { style: 'terse' } },
      }),
    ).toEqual({
      resultType: 'complete',
      completion: { values: ['javascript', 'java'], total: 2, hasMore: false },
      _meta: { [MetaKey.ServerInfo]: SERVER_INFO },
    });
    const framework = await driver.request('completion/complete', {
      ref: { type: 'ref/prompt', name: 'review' },
      argument: { name: 'framework', value: '' },
      context: { arguments: { language: 'python' } },
    });
    expect(framework['completion']).toEqual({
      values: ['django', 'flask'],
      total: 2,
      hasMore: false,
    });
    // requirements.md #55: a completion callback gets no request context, so it cannot ask.
    expect(contexts).toEqual([{ arguments: { style: 'terse' } }]);
  });

  it('completes a resource template variable', async () => {
    const { driver } = completionServer();
    const result = await driver.request('completion/complete', {
      ref: { type: 'ref/resource', uri: 'repo://{owner}/{name}' },
      argument: { name: 'owner', value: 'ter' },
    });
    expect(result['completion']).toEqual({
      values: ['tern', 'terraform'],
      total: 2,
      hasMore: false,
    });
  });

  it('completes an argument or variable without a completer to no values', async () => {
    const { driver } = completionServer();
    for (const params of [
      { ref: { type: 'ref/prompt', name: 'review' }, argument: { name: 'style', value: 'x' } },
      {
        ref: { type: 'ref/resource', uri: 'repo://{owner}/{name}' },
        argument: { name: 'name', value: 'x' },
      },
    ]) {
      expect((await driver.request('completion/complete', params))['completion']).toEqual({
        values: [],
        total: 0,
        hasMore: false,
      });
    }
  });

  it('caps values at 100 and reports total and hasMore (requirements.md #192)', async () => {
    const { server } = createTestServer();
    let count = 250;
    server.registerPrompt(
      'many',
      {
        arguments: [{ name: 'n' }],
        complete: { n: () => Array.from({ length: count }, (_, index) => `v${index}`) },
      },
      () => ({
        messages: [],
      }),
    );
    const driver = new ServerDriver(server);
    const params = {
      ref: { type: 'ref/prompt', name: 'many' },
      argument: { name: 'n', value: '' },
    };
    const capped = (await driver.request('completion/complete', params))['completion'] as {
      values: string[];
      total: number;
      hasMore: boolean;
    };
    expect(capped.values).toHaveLength(100);
    expect(capped.values[99]).toBe('v99');
    expect(capped).toMatchObject({ total: 250, hasMore: true });
    count = 100;
    expect((await driver.request('completion/complete', params))['completion']).toMatchObject({
      total: 100,
      hasMore: false,
    });
  });

  it('answers an unknown prompt or template reference with -32602 (requirements.md #191)', async () => {
    const { driver } = completionServer();
    expect(
      errorOf(
        (
          await driver.exchange('completion/complete', {
            ref: { type: 'ref/prompt', name: 'nope' },
            argument: { name: 'a', value: '' },
          })
        ).response,
      ),
    ).toEqual({ code: -32602, message: 'Unknown prompt: nope' });
    expect(
      errorOf(
        (
          await driver.exchange('completion/complete', {
            ref: { type: 'ref/resource', uri: 'repo://{x}' },
            argument: { name: 'x', value: '' },
          })
        ).response,
      ),
    ).toEqual({ code: -32602, message: 'Unknown resource template: repo://{x}' });
    expect(
      errorOf(
        (
          await driver.exchange('completion/complete', {
            ref: { type: 'ref/tool', name: 'x' },
            argument: { name: 'a', value: '' },
          })
        ).response,
      ).code,
    ).toBe(-32602);
  });

  it('answers a completer that throws with the generic -32603', async () => {
    const { server } = createTestServer();
    server.registerPrompt(
      'p',
      {
        arguments: [{ name: 'a' }],
        complete: { a: () => Promise.reject(new Error('index offline')) },
      },
      () => ({ messages: [] }),
    );
    const { response } = await new ServerDriver(server).exchange('completion/complete', {
      ref: { type: 'ref/prompt', name: 'p' },
      argument: { name: 'a', value: '' },
    });
    expect(errorOf(response)).toEqual({ code: -32603, message: 'Internal error' });
  });
});

describe('hasCompleters', () => {
  it('advertises completions only while a prompt or template has a completer (requirements.md #190)', async () => {
    const { server } = createTestServer();
    const driver = new ServerDriver(server);
    const capabilities = async () =>
      (await driver.request('server/discover'))['capabilities'] as Record<string, unknown>;
    server.registerPrompt('plain', {}, () => ({ messages: [] }));
    server.registerResourceTemplate({ uriTemplate: 'mem://{x}', name: 'plain' }, (uri) => ({
      contents: [{ uri, text: '' }],
    }));
    expect(await capabilities()).not.toHaveProperty('completions');
    const prompt = server.registerPrompt(
      'completed',
      { arguments: [{ name: 'a' }], complete: { a: () => [] } },
      () => ({ messages: [] }),
    );
    expect((await capabilities())['completions']).toEqual({});
    prompt.remove();
    expect(await capabilities()).not.toHaveProperty('completions');
    server.registerResourceTemplate(
      { uriTemplate: 'mem://c/{x}', name: 'completed', complete: { x: () => [] } },
      (uri) => ({
        contents: [{ uri, text: '' }],
      }),
    );
    expect((await capabilities())['completions']).toEqual({});
  });
});

describe('complete: argument names from Object.prototype (issue 12, attack 7)', () => {
  const INHERITED = ['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'];

  it.each(INHERITED)('completes the prompt argument "%s" to nothing, not to an inherited function', async (name) => {
    const { driver } = completionServer();
    const result = await driver.request('completion/complete', {
      ref: { type: 'ref/prompt', name: 'review' },
      argument: { name, value: '' },
    });
    expect(result).toMatchObject({ completion: { values: [], total: 0, hasMore: false } });
  });

  it.each(INHERITED)('completes the template variable "%s" to nothing', async (name) => {
    const { driver } = completionServer();
    const result = await driver.request('completion/complete', {
      ref: { type: 'ref/resource', uri: 'repo://{owner}/{name}' },
      argument: { name, value: '' },
    });
    expect(result).toMatchObject({ completion: { values: [], total: 0, hasMore: false } });
  });

  it('still completes an argument registered under such a name', async () => {
    const { server } = createTestServer();
    server.registerPrompt(
      'odd',
      { arguments: [{ name: 'constructor' }], complete: { constructor: () => ['class', 'function'] } },
      () => ({ messages: [] }),
    );
    const result = await new ServerDriver(server).request('completion/complete', {
      ref: { type: 'ref/prompt', name: 'odd' },
      argument: { name: 'constructor', value: '' },
    });
    expect(result).toMatchObject({ completion: { values: ['class', 'function'], total: 2 } });
  });

  it('answers -32603 (and tells onError) when a completer returns something other than strings', async () => {
    const errors: unknown[] = [];
    const { server } = createTestServer({ onError: (error) => errors.push(error) });
    server.registerPrompt(
      'broken',
      { arguments: [{ name: 'x' }], complete: { x: () => 'not-an-array' as unknown as string[] } },
      () => ({ messages: [] }),
    );
    const driver = new ServerDriver(server);
    const { response } = await driver.exchange('completion/complete', {
      ref: { type: 'ref/prompt', name: 'broken' },
      argument: { name: 'x', value: '' },
    });
    expect(errorOf(response)).toEqual({ code: -32603, message: 'Internal error' });
    expect(String(errors[0])).toContain('must return an array of strings');
  });
});
