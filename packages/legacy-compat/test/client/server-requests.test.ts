import { SdkError, SdkErrorCode } from '@tern/core-protocol';
import type { InputRequest } from '@tern/schema';
import { describe, expect, it } from 'vitest';
import { answerServerRequest } from '../../src/client/server-requests.js';

const ALL = { elicitation: { form: {} }, sampling: {}, roots: {} };
const form = {
  jsonrpc: '2.0' as const,
  id: 'srv-1',
  method: 'elicitation/create',
  params: {
    message: 'Name?',
    requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
    _meta: { 'io.modelcontextprotocol/related-task': { taskId: 't' } },
  },
};

describe('answerServerRequest', () => {
  it('answers ping with an empty result, without a handler', async () => {
    expect(await answerServerRequest({ jsonrpc: '2.0', id: 1, method: 'ping' }, undefined)).toEqual(
      {
        jsonrpc: '2.0',
        id: 1,
        result: {},
      },
    );
  });

  it('hands the modern shape of the request to the handlers and returns their answer', async () => {
    const seen: InputRequest[] = [];
    const response = await answerServerRequest(
      form,
      (request) => {
        seen.push(request);
        return Promise.resolve({ action: 'accept', content: { name: 'Ada' } });
      },
      ALL,
    );
    expect(seen).toEqual([
      {
        method: 'elicitation/create',
        params: { message: 'Name?', requestedSchema: form.params.requestedSchema },
      },
    ]);
    expect(response).toEqual({
      jsonrpc: '2.0',
      id: 'srv-1',
      result: { action: 'accept', content: { name: 'Ada' } },
    });
  });

  it.each([
    {
      name: 'an unknown method',
      request: { ...form, method: 'tasks/list' },
      declared: ALL,
      code: -32601,
    },
    {
      name: 'a capability the client did not declare',
      request: form,
      declared: { sampling: {} },
      code: -32601,
    },
    {
      name: 'invalid params',
      request: { ...form, params: { message: 3 } },
      declared: ALL,
      code: -32602,
    },
  ])('answers $name with $code', async ({ request, declared, code }) => {
    const response = await answerServerRequest(
      request,
      () => Promise.resolve({ action: 'decline' }),
      declared,
    );
    expect(response).toMatchObject({ id: 'srv-1', error: { code } });
  });

  it.each([
    [SdkErrorCode.NoInputHandler, -32601],
    [SdkErrorCode.InvalidResult, -32602],
    [SdkErrorCode.InputHandlerFailed, -32603],
    [SdkErrorCode.Aborted, -32603],
  ])('maps a handler rejection with %s to %i', async (sdkCode, code) => {
    const response = await answerServerRequest(
      form,
      () => Promise.reject(new SdkError(sdkCode, 'refused')),
      ALL,
    );
    expect(response).toMatchObject({ error: { code } });
  });

  it('never puts the message of an unknown error on the wire', async () => {
    const response = await answerServerRequest(
      form,
      () => Promise.reject(new Error('db password is hunter2')),
      ALL,
    );
    expect(response).toEqual({
      jsonrpc: '2.0',
      id: 'srv-1',
      error: { code: -32603, message: 'Internal error' },
    });
  });
});
