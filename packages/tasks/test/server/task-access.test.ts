// Who may see and drive a task: the extension must be declared on the request (SEP-2663
// §Capability Negotiation, -32021 with requiredCapabilities), and a task belongs to the principal
// that created it: anyone else is answered as if it did not exist (-32602).
import { ServerDriver } from '@tern/core-protocol/testing';
import { describe, expect, it } from 'vitest';
import { TASKS_EXTENSION_ID } from '../../src/index.js';
import { createTaskServer, pollTask, sleep, taskDriver } from '../helpers/task-fixtures.js';

const errorOf = (exchange: { response: unknown }) =>
  (exchange.response as { error: { code: number; message: string; data?: unknown } }).error;

describe('task access', () => {
  it('advertises the extension under capabilities.extensions only', async () => {
    const { server } = createTaskServer();
    const discovered = await new ServerDriver(server).request('server/discover');
    expect(discovered['capabilities']).toMatchObject({ extensions: { [TASKS_EXTENSION_ID]: {} } });
    expect(discovered['capabilities']).not.toHaveProperty('tasks');
  });

  it('answers -32021 naming the extension to tasks/* and required task tools without it; optional tools block', async () => {
    const { server, tasks } = createTaskServer();
    tasks.registerTool('needs-task', { task: { support: 'required' } }, () => 'never');
    tasks.registerTool('may-task', {}, async () => {
      await sleep(5);
      return 'blocking answer';
    });
    const plain = new ServerDriver(server, { capabilities: { elicitation: {} } });
    for (const [method, params] of [
      ['tasks/get', { taskId: 't' }],
      ['tasks/update', { taskId: 't', inputResponses: {} }],
      ['tasks/cancel', { taskId: 't' }],
      ['tools/call', { name: 'needs-task', arguments: {} }],
    ] as const) {
      const error = errorOf(await plain.exchange(method, params));
      expect(error.code, method).toBe(-32021);
      expect(error.data).toEqual({
        requiredCapabilities: { extensions: { [TASKS_EXTENSION_ID]: {} } },
      });
    }
    expect(await plain.request('tools/call', { name: 'may-task', arguments: {} })).toMatchObject({
      resultType: 'complete',
      content: [{ text: 'blocking answer' }],
    });
  });

  it('hides a task from another principal exactly as an unknown task, for get, update and cancel', async () => {
    const { server, tasks } = createTaskServer();
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    tasks.registerTool('private', {}, async () => {
      await gate;
      return 'secret';
    });
    const ada = taskDriver(server, { principal: 'ada' });
    const eve = taskDriver(server, { principal: 'eve' });
    const anonymous = taskDriver(server);
    const { taskId } = (await ada.request('tools/call', { name: 'private', arguments: {} })) as {
      taskId: string;
    };
    const unknown = errorOf(await eve.exchange('tasks/get', { taskId: 'no-such-task' }));
    for (const driver of [eve, anonymous]) {
      for (const [method, params] of [
        ['tasks/get', { taskId }],
        ['tasks/update', { taskId, inputResponses: {} }],
        ['tasks/cancel', { taskId }],
      ] as const) {
        const error = errorOf(await driver.exchange(method, params));
        expect(error.code).toBe(-32602);
        expect(error.message).toBe(unknown.message);
      }
    }
    // Eve's cancel did nothing: the owner still sees it working, then completed.
    expect((await ada.request('tasks/get', { taskId }))['status']).toBe('working');
    finish();
    expect(
      (await pollTask(ada, taskId, (task) => task['status'] === 'completed'))['result'],
    ).toMatchObject({ content: [{ text: 'secret' }] });
  });

  it('answers -32602 for params that are not a task id', async () => {
    const { server } = createTaskServer();
    expect(errorOf(await taskDriver(server).exchange('tasks/get', { taskId: '' })).code).toBe(
      -32602,
    );
    expect(errorOf(await taskDriver(server).exchange('tasks/update', { taskId: 'x' })).code).toBe(
      -32602,
    );
  });

  it('keeps the removed v1 methods unknown (-32601)', async () => {
    const { server } = createTaskServer();
    expect(errorOf(await taskDriver(server).exchange('tasks/result', { taskId: 'x' })).code).toBe(
      -32601,
    );
    expect(errorOf(await taskDriver(server).exchange('tasks/list', {})).code).toBe(-32601);
  });
});
