import type { McpClient, RoundEvent, Subscription } from '@tern/core-protocol';
import type { ContentBlock } from '@tern/schema';
import { clipLines, describeRound, formatContent, indent } from '../output.js';
import type { Print } from '../output.js';
import { ProgressBar } from '../progress-bar.js';
import { check, valueAt } from './checks.js';
import type { Observation } from './checks.js';
import { interpolate } from './script-file.js';
import type { Expect, Script, Step } from './script-file.js';
import type { ScriptedAnswers } from './scripted-answers.js';

/** What the runner needs besides the script. */
export interface ScriptRun {
  client: McpClient;
  /** A client that talks to the server as a 2025-era client, for steps with `era: "legacy"`. */
  legacyClient: McpClient;
  answers: ScriptedAnswers;
  print: Print;
  isTty: boolean;
  /** Variables every step may use (`tempDir`, `tempDirUrl`). */
  variables: Map<string, string>;
}

/** A listen stream opened by a step, and what it has delivered so far. */
interface Stream {
  subscription: Subscription;
  seen: string[];
  changed: () => void;
}

/**
 * Runs a script step by step, printing what happens (every round of every conversation), and
 * checks each step's result. Returns the number of failed steps.
 */
export async function runScript(script: Script, run: ScriptRun): Promise<number> {
  const { print } = run;
  const streams = new Map<string, Stream>();
  let failedSteps = 0;
  print(`Script: ${script.name} (${script.steps.length} steps)`);
  try {
    for (const [index, rawStep] of script.steps.entries()) {
      print('');
      print(`[${index + 1}/${script.steps.length}] ${rawStep.title}`);
      const failures: string[] = [];
      try {
        const step = interpolate(rawStep, run.variables);
        run.answers.use(
          'answers' in step ? step.answers : {},
          'era' in step && step.era === 'legacy',
        );
        const { seen, expect } = await runStep(step, run, streams);
        const verdict = await check(expect, seen);
        failures.push(...run.answers.problems(), ...verdict.failed);
        for (const line of verdict.passed) print(`  ✓ ${line}`);
        for (const [name, path] of Object.entries(step.save ?? {})) {
          const value = valueAt(seen.result, path);
          if (value === undefined) failures.push(`cannot save ${name}: nothing at ${path}`);
          else run.variables.set(name, typeof value === 'string' ? value : JSON.stringify(value));
        }
      } catch (error) {
        failures.push(
          ...run.answers.problems(),
          `failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      for (const line of failures) print(`  ✗ ${line}`);
      if (failures.length > 0) failedSteps += 1;
    }
  } finally {
    for (const stream of streams.values()) stream.subscription.close();
  }
  print('');
  print(
    failedSteps === 0
      ? `✔ ${script.steps.length}/${script.steps.length} steps passed`
      : `✘ ${failedSteps} of ${script.steps.length} steps failed`,
  );
  return failedSteps;
}

async function runStep(
  step: Step,
  run: ScriptRun,
  streams: Map<string, Stream>,
): Promise<{ seen: Observation; expect: Expect }> {
  const { client, print } = run;
  const observe = (
    result: unknown,
    text: string,
    extra: Partial<Observation> = {},
  ): Observation => ({
    result,
    text,
    isError: false,
    rounds: 0,
    progress: 0,
    listed: [],
    ...extra,
  });
  let rounds = 0;
  const onRound = (event: RoundEvent): void => {
    rounds = event.round;
    print(describeRound(event));
  };

  if ('discover' in step) {
    const result = await client.discover();
    const info = result._meta?.['io.modelcontextprotocol/serverInfo'] as
      { name?: string; version?: string } | undefined;
    print(
      `  → server/discover: ${info?.name ?? '?'} ${info?.version ?? ''}, versions ${result.supportedVersions.join(', ')}`,
    );
    print(`    capabilities: ${Object.keys(result.capabilities).join(', ')}`);
    return { seen: observe(result, result.instructions ?? ''), expect: step.expect };
  }

  if ('list' in step) {
    const listed = await list(client, step.list);
    print(`  → ${step.list}: ${listed.join(', ')}`);
    return { seen: observe(listed, listed.join('\n'), { listed }), expect: step.expect };
  }

  if ('call' in step) {
    const legacy = step.era === 'legacy';
    print(
      `  → tools/call ${step.call} ${JSON.stringify(step.arguments)}${legacy ? ' (as a 2025-11-25 client, in a session)' : ''}`,
    );
    const bar = new ProgressBar(process.stdout, run.isTty);
    const result = await (legacy ? run.legacyClient : client).callTool(step.call, step.arguments, {
      onProgress: bar.update,
      onRound: (event) => {
        bar.finish();
        onRound(event);
      },
    });
    bar.finish();
    print(`  ← ${result.isError === true ? 'error result' : 'result'}:`);
    for (const line of indent(formatContent(result.content))) print(line);
    return {
      seen: observe(result, textOf(result.content), {
        isError: result.isError === true,
        rounds,
        progress: bar.updates,
      }),
      expect: step.expect,
    };
  }

  if ('read' in step) {
    print(`  → resources/read ${step.read}`);
    const result = await client.readResource(step.read, { onRound });
    const text = result.contents
      .map((content) => ('text' in content && typeof content.text === 'string' ? content.text : ''))
      .join('\n');
    for (const line of indent(clipLines(text, 8))) print(line);
    return { seen: observe(result, text, { rounds }), expect: step.expect };
  }

  if ('prompt' in step) {
    print(`  → prompts/get ${step.prompt} ${JSON.stringify(step.arguments)}`);
    const result = await client.getPrompt(step.prompt, step.arguments, { onRound });
    const blocks = result.messages.map((message) => message.content);
    for (const message of result.messages)
      print(`    ${message.role}: ${formatContent([message.content])[0] ?? ''}`);
    return { seen: observe(result, textOf(blocks), { rounds }), expect: step.expect };
  }

  if ('complete' in step) {
    const result = await client.complete(step.complete);
    const target =
      step.complete.ref.type === 'ref/prompt' ? step.complete.ref.name : step.complete.ref.uri;
    print(
      `  → completion/complete ${target} ${step.complete.argument.name}="${step.complete.argument.value}" ⇒ ${result.completion.values.join(', ')}`,
    );
    return {
      seen: observe(result, result.completion.values.join('\n'), {
        listed: result.completion.values,
      }),
      expect: step.expect,
    };
  }

  if ('listen' in step) {
    const stream = openStream(client, { filter: step.listen, name: step.as, print });
    streams.get(step.as)?.subscription.close();
    streams.set(step.as, stream);
    const honoured = await withTimeout(
      stream.subscription.acknowledged,
      5000,
      'the subscription was not acknowledged',
    );
    print(`  → subscriptions/listen "${step.as}" acknowledged: ${JSON.stringify(honoured)}`);
    return { seen: observe(honoured, JSON.stringify(honoured)), expect: step.expect };
  }

  const { from, methods, timeoutMs } = step.awaitNotifications;
  const stream = streams.get(from);
  if (stream === undefined)
    throw new Error(`no stream named "${from}" (open it with a listen step first)`);
  await waitFor(() => methods.every((method) => stream.seen.includes(method)), stream, timeoutMs);
  stream.subscription.close();
  streams.delete(from);
  print(`  → stream "${from}" delivered: ${stream.seen.join(', ') || 'nothing'}; closed it`);
  return {
    seen: observe(stream.seen, stream.seen.join('\n'), { listed: stream.seen }),
    expect: { ...step.expect, includes: [...(step.expect.includes ?? []), ...methods] },
  };
}

async function list(
  client: McpClient,
  what: 'tools' | 'resources' | 'resourceTemplates' | 'prompts',
): Promise<string[]> {
  switch (what) {
    case 'tools':
      return (await client.listAllTools()).map((tool) => tool.name);
    case 'resources':
      return (await client.listAllResources()).map((resource) => resource.uri);
    case 'resourceTemplates':
      return (await client.listAllResourceTemplates()).map((template) => template.uriTemplate);
    case 'prompts':
      return (await client.listAllPrompts()).map((prompt) => prompt.name);
  }
}

function openStream(
  client: McpClient,
  {
    filter,
    name,
    print,
  }: { filter: Parameters<McpClient['listen']>[0]; name: string; print: Print },
): Stream {
  const subscription = client.listen(filter, { reconnect: false });
  const stream: Stream = { subscription, seen: [], changed: () => undefined };
  void (async () => {
    try {
      for await (const event of subscription) {
        if (event.type !== 'notification') continue;
        const uri = event.notification.params?.['uri'];
        print(
          `  🔔 "${name}": ${event.notification.method}${typeof uri === 'string' ? ` ${uri}` : ''}`,
        );
        stream.seen.push(event.notification.method);
        stream.changed();
      }
    } catch (error) {
      print(
        `  ✗ stream "${name}" failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  })();
  return stream;
}

function waitFor(done: () => boolean, stream: Stream, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      stream.changed = () => undefined;
      resolve();
    }
    stream.changed = () => {
      if (done()) finish();
    };
    if (done()) finish();
  });
}

async function withTimeout<TValue>(
  promise: Promise<TValue>,
  ms: number,
  message: string,
): Promise<TValue> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function textOf(blocks: readonly ContentBlock[]): string {
  return blocks
    .map((block) => {
      if (block.type === 'text') return block.text;
      if (block.type === 'resource') return 'text' in block.resource ? block.resource.text : '';
      if (block.type === 'resource_link') return block.uri;
      return '';
    })
    .join('\n');
}
