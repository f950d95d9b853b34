import type { McpClient, Subscription } from '@tern/core-protocol';
import type { Prompt, ResourceTemplate, Tool } from '@tern/schema';
import { describeRound, formatContent, indent } from '../output.js';
import { ProgressBar } from '../progress-bar.js';
import { fillForm } from './terminal-handlers.js';
import { InputClosedError } from './terminal.js';
import type { Terminal } from './terminal.js';

type Action =
  | { kind: 'tool'; tool: Tool }
  | { kind: 'resources' }
  | { kind: 'template'; template: ResourceTemplate }
  | { kind: 'prompt'; prompt: Prompt };

/**
 * The interactive client: a menu of the server's tools, resources and prompts. Forms, progress and
 * every round of a conversation show up as they happen; change notifications from a
 * `subscriptions/listen` stream are printed when they arrive.
 */
export async function runInteractive(client: McpClient, term: Terminal): Promise<number> {
  const discovered = await client.discover();
  const info = discovered._meta?.['io.modelcontextprotocol/serverInfo'] as
    { name?: string; title?: string; version?: string } | undefined;
  term.print(
    `Connected to ${info?.title ?? info?.name ?? 'an MCP server'} ${info?.version ?? ''} (${client.protocolVersion})`,
  );
  if (discovered.instructions !== undefined) term.print(`  ${discovered.instructions}`);

  const resources = await client.listAllResources();
  const subscription = client.listen({
    toolsListChanged: true,
    resourcesListChanged: true,
    promptsListChanged: true,
    resourceSubscriptions: resources.map((resource) => resource.uri),
  });
  void printChanges(subscription, term);

  try {
    for (;;) {
      const actions = await loadActions(client);
      term.print('');
      actions.forEach((action, index) =>
        term.print(`  ${String(index + 1).padStart(2)}) ${describeAction(action)}`),
      );
      term.print('   q) quit');
      const choice = (await term.ask('> ')).trim();
      if (choice === 'q' || choice === 'quit') return 0;
      const action = actions[Number(choice) - 1];
      if (action === undefined) continue;
      try {
        await run(client, term, action);
      } catch (error) {
        if (error instanceof InputClosedError) throw error;
        term.print(`  ✗ ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } catch (error) {
    if (error instanceof InputClosedError) return 0;
    throw error;
  } finally {
    subscription.close();
  }
}

async function loadActions(client: McpClient): Promise<Action[]> {
  const [tools, resources, templates, prompts] = await Promise.all([
    client.listAllTools(),
    client.listAllResources(),
    client.listAllResourceTemplates(),
    client.listAllPrompts(),
  ]);
  return [
    ...tools.map((tool): Action => ({ kind: 'tool', tool })),
    ...templates.map((template): Action => ({ kind: 'template', template })),
    ...(resources.length > 0 ? [{ kind: 'resources' } as const] : []),
    ...prompts.map((prompt): Action => ({ kind: 'prompt', prompt })),
  ];
}

function describeAction(action: Action): string {
  switch (action.kind) {
    case 'tool':
      return `tool      ${action.tool.name.padEnd(22)} ${action.tool.title ?? action.tool.description ?? ''}`;
    case 'template':
      return `read      ${action.template.uriTemplate.padEnd(22)} ${action.template.title ?? ''} (Tab completes)`;
    case 'resources':
      return 'read      one of the listed resources';
    case 'prompt':
      return `prompt    ${action.prompt.name.padEnd(22)} ${action.prompt.title ?? ''} (Tab completes)`;
  }
}

async function run(client: McpClient, term: Terminal, action: Action): Promise<void> {
  switch (action.kind) {
    case 'tool': {
      term.print(`  Arguments of ${action.tool.name}:`);
      const args = await fillForm(term, { requestedSchema: action.tool.inputSchema as never });
      const bar = new ProgressBar(process.stdout, term.isTty);
      const result = await client.callTool(action.tool.name, args, {
        onProgress: bar.update,
        onLog: (message) => {
          bar.finish();
          term.print(`  · log ${message.level}: ${String(message.data)}`);
        },
        logLevel: 'info',
        onRound: (event) => {
          bar.finish();
          term.print(describeRound(event));
        },
      });
      bar.finish();
      term.print(result.isError === true ? '  ✗ the tool reported an error:' : '  ✓ result:');
      for (const line of indent(formatContent(result.content))) term.print(line);
      return;
    }
    case 'resources':
    case 'template': {
      const uri =
        action.kind === 'resources'
          ? await pickResource(client, term)
          : await expandTemplate(client, term, action.template);
      if (uri === undefined) return;
      const result = await client.readResource(uri);
      for (const content of result.contents) {
        term.print(`  ${content.uri} (${content.mimeType ?? 'no type'})`);
        if ('text' in content && typeof content.text === 'string')
          for (const line of indent(content.text.split('\n'))) term.print(line);
      }
      return;
    }
    case 'prompt': {
      const args: Record<string, string> = {};
      for (const argument of action.prompt.arguments ?? []) {
        const value = await term.ask(
          `  ${argument.name}${argument.required === true ? '' : ' (optional)'}: `,
          {
            complete: async (line) =>
              (
                await client.complete({
                  ref: { type: 'ref/prompt', name: action.prompt.name },
                  argument: { name: argument.name, value: line },
                  context: { arguments: args },
                })
              ).completion.values,
          },
        );
        if (value.trim() !== '') args[argument.name] = value.trim();
      }
      const result = await client.getPrompt(action.prompt.name, args);
      for (const message of result.messages) {
        for (const line of formatContent([message.content]))
          term.print(`  ${message.role}: ${line}`);
      }
      return;
    }
  }
}

/** Lists every resource and asks which one to read. */
async function pickResource(client: McpClient, term: Terminal): Promise<string | undefined> {
  const resources = await client.listAllResources();
  resources.forEach((resource, index) =>
    term.print(`    ${String(index + 1).padStart(2)}) ${resource.uri}  ${resource.title ?? ''}`),
  );
  return resources[Number(await term.ask('  which? ')) - 1]?.uri;
}

/** Asks for each `{variable}` of a template, with Tab completion from the server. */
async function expandTemplate(
  client: McpClient,
  term: Terminal,
  template: ResourceTemplate,
): Promise<string> {
  const values: Record<string, string> = {};
  for (const [, name] of template.uriTemplate.matchAll(/\{([^}]+)\}/g)) {
    if (name === undefined) continue;
    values[name] = (
      await term.ask(`  ${name}: `, {
        complete: async (line) =>
          (
            await client.complete({
              ref: { type: 'ref/resource', uri: template.uriTemplate },
              argument: { name, value: line },
              context: { arguments: values },
            })
          ).completion.values,
      })
    ).trim();
  }
  return template.uriTemplate.replaceAll(/\{([^}]+)\}/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
}

async function printChanges(subscription: Subscription, term: Terminal): Promise<void> {
  try {
    for await (const event of subscription) {
      if (event.type !== 'notification') continue;
      const uri = event.notification.params?.['uri'];
      term.print(`\n  🔔 ${event.notification.method}${typeof uri === 'string' ? ` ${uri}` : ''}`);
    }
  } catch (error) {
    term.print(
      `\n  (change notifications stopped: ${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
