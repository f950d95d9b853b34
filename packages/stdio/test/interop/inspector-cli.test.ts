// The MCP Inspector CLI (@modelcontextprotocol/inspector --cli, 0.21.2) against a Tern stdio
// server: it spawns the server itself, opens a 2025-11-25 session and prints the results as JSON.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixtureCommand, PACKAGE_DIR } from '../helpers/spawn-fixture.js';

const INSPECTOR = fileURLToPath(new URL('../../node_modules/.bin/mcp-inspector', import.meta.url));
const run = promisify(execFile);

async function inspect(...args: string[]): Promise<unknown> {
  const { command, args: serverArgs } = fixtureCommand('tern-server');
  const { stdout } = await run(INSPECTOR, ['--cli', command, ...serverArgs, ...args], {
    cwd: PACKAGE_DIR,
    timeout: 30_000,
  });
  return JSON.parse(stdout) as unknown;
}

describe('MCP Inspector CLI → serveStdio', () => {
  it('lists the tools', async () => {
    const listed = (await inspect('--method', 'tools/list')) as { tools: { name: string }[] };
    expect(listed.tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['add', 'book', 'count', 'wait']),
    );
  }, 40_000);

  it('calls a tool with arguments', async () => {
    const called = await inspect(
      '--method',
      'tools/call',
      '--tool-name',
      'add',
      '--tool-arg',
      'a=2',
      '--tool-arg',
      'b=40',
    );
    expect(called).toMatchObject({ content: [{ type: 'text', text: '42' }] });
  }, 40_000);

  it('reads a resource and gets a prompt', async () => {
    const read = await inspect('--method', 'resources/read', '--uri', 'tern://notes/welcome');
    expect(read).toMatchObject({
      contents: [{ uri: 'tern://notes/welcome', text: 'Welcome to the desk.' }],
    });
    const prompt = await inspect(
      '--method',
      'prompts/get',
      '--prompt-name',
      'greet',
      '--prompt-args',
      'name=Ada',
    );
    expect(prompt).toMatchObject({
      messages: [{ role: 'user', content: { type: 'text', text: 'Say hello to Ada.' } }],
    });
  }, 60_000);
});
