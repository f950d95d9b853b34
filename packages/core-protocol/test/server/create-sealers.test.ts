// requestState.cipher: the server seals its conversation state (requirements.md #58-#60) with the
// cipher it is given, and WebCrypto and node:crypto servers open each other's states.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { nodeCryptoCipher, webCryptoCipher } from '../../src/index.js';
import type { StateCipher } from '../../src/index.js';
import { ServerDriver } from '../../src/testing/index.js';
import { createTestServer, KEY_A } from './helpers/server-fixtures.js';

/** A server whose tool asks one question; every cipher call is counted. */
function askingServer(cipher: StateCipher | undefined) {
  const calls = { encrypt: 0, decrypt: 0 };
  const counted: StateCipher | undefined =
    cipher === undefined
      ? undefined
      : {
          name: `counted ${cipher.name}`,
          importKey: (raw) => cipher.importKey(raw),
          encrypt: (key, input) => {
            calls.encrypt += 1;
            return cipher.encrypt(key, input);
          },
          decrypt: (key, input) => {
            calls.decrypt += 1;
            return cipher.decrypt(key, input);
          },
        };
  const { server } = createTestServer({
    requestState: { keys: [KEY_A], ...(counted ? { cipher: counted } : {}) },
  });
  server.registerTool('ask', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const answer = await ctx.elicit('Name?', z.object({ name: z.string() }));
    return answer.action === 'accept' ? `hello ${answer.content.name}` : 'no';
  });
  return { server, calls };
}

const capabilities = { elicitation: { form: {} } };

describe('requestState.cipher', () => {
  it('seals and opens with the configured cipher, and the other cipher opens its states', async () => {
    const node = nodeCryptoCipher();
    expect(node).toBeDefined();
    const web = askingServer(webCryptoCipher);
    const first = await new ServerDriver(web.server, { capabilities }).request('tools/call', {
      name: 'ask',
    });
    expect(first['resultType']).toBe('input_required');
    expect(web.calls).toEqual({ encrypt: 1, decrypt: 0 });

    // Another instance with the same key ring but node:crypto finishes the conversation.
    const other = askingServer(node);
    const [key] = Object.keys(first['inputRequests'] as object);
    const final = await new ServerDriver(other.server, { capabilities }).request('tools/call', {
      name: 'ask',
      requestState: first['requestState'],
      inputResponses: { [key ?? '']: { action: 'accept', content: { name: 'Ada' } } },
    });
    expect(final['content']).toEqual([{ type: 'text', text: 'hello Ada' }]);
    expect(other.calls).toEqual({ encrypt: 0, decrypt: 1 });
  });
});
