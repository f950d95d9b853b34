// compile_travel_report, the demo's task tool (SEP-2663): a client that takes tasks gets a task,
// sees its progress and answers its question through tasks/update; one that does not gets the
// same report as a blocking call.
import { McpClient } from '@tern/core-protocol';
import { InMemoryTransport } from '@tern/core-protocol/testing';
import { withTasks } from '@tern/tasks';
import type { DetailedTask } from '@tern/tasks';
import { describe, expect, it } from 'vitest';
import { createDesk, textOf } from './helpers.js';

describe('compile_travel_report', () => {
  it('runs as a task with progress and a question for a client that takes tasks', async () => {
    const { server } = createDesk();
    const states: string[] = [];
    const client = new McpClient(
      { name: 'test', version: '1.0.0' },
      {
        transport: withTasks(new InMemoryTransport(server), {
          onTask: (task: DetailedTask) => states.push(task.status),
          minPollIntervalMs: 1,
          maxPollIntervalMs: 5,
        }),
        handlers: { elicitForm: () => ({ action: 'accept', content: { includePrices: true } }) },
      },
    );
    const progress: number[] = [];
    const result = await client.callTool(
      'compile_travel_report',
      { year: 2026 },
      { onProgress: (p) => progress.push(p.progress) },
    );
    expect(textOf(result)).toMatch(/^Travel report 2026: \d+ booking\(s\)/);
    expect(states[0]).toBe('working');
    expect(states).toContain('input_required');
    expect(states.at(-1)).toBe('completed');
    expect(progress.length).toBeGreaterThan(0);
  });

  it('blocks for a client without the tasks extension', async () => {
    const { client } = createDesk({
      elicitForm: () => ({ action: 'accept', content: { includePrices: false } }),
    });
    const result = await client.callTool('compile_travel_report', { year: 2026 });
    expect(textOf(result)).toMatch(/^Travel report 2026/);
  });
});
