import type { InputHandlers } from '@tern/core-protocol';
import type { ElicitRequestFormParams, ElicitResult } from '@tern/schema';
import { defaultText, inputHint, parseFieldInput, toFormFields } from './form-fields.js';
import type { FieldValue } from './form-fields.js';
import type { Terminal } from './terminal.js';

/**
 * Answers the server's input requests by asking the person at the terminal: forms field by field
 * (defaults pre-filled), URLs to open, sampling (the person plays the model), and roots (the
 * folder passed with `--root`, shared only after asking).
 */
export function createTerminalHandlers(term: Terminal, rootFolderUrl: string): InputHandlers {
  return {
    elicitForm: async (params, info) => {
      term.print(`  ? round ${info.round} · ${info.key} · the server asks: ${params.message}`);
      const start = await term.choose('    [f]ill in, [d]ecline or [c]ancel? ', [
        'fill',
        'decline',
        'cancel',
      ]);
      if (start !== 'fill') return { action: start };
      return { action: 'accept', content: await fillForm(term, params) };
    },

    elicitUrl: async (params, info) => {
      term.print(
        `  ? round ${info.round} · ${info.key} · the server asks you to open a page: ${params.message}`,
      );
      term.print(`    ${String(params.url)}`);
      term.print(
        '    (The page is not shown to this client: whatever you type there stays between you and the site.)',
      );
      const answer = await term.choose(
        '    [o]pen it (then switch to your browser), [d]ecline or [c]ancel? ',
        ['open', 'decline', 'cancel'],
      );
      return { action: answer === 'open' ? 'accept' : answer };
    },

    sample: async (params, info) => {
      term.print(
        `  ? round ${info.round} · ${info.key} · the server asks your model for a completion:`,
      );
      if (params.systemPrompt !== undefined) term.print(`    system: ${params.systemPrompt}`);
      for (const message of params.messages) {
        const blocks = Array.isArray(message.content) ? message.content : [message.content];
        for (const block of blocks)
          term.print(
            `    ${message.role}: ${block.type === 'text' ? block.text : `(${block.type})`}`,
          );
      }
      term.print(
        '    There is no model in this terminal: you are it. Type the reply (Enter for a canned one).',
      );
      const reply = await term.ask('    reply: ', { prefill: '' });
      return {
        role: 'assistant',
        content: {
          type: 'text',
          text:
            reply.trim() === ''
              ? 'Day 1: old town and the river. Day 2: a museum, then dinner at a local favourite.'
              : reply,
        },
        model: 'human-at-the-terminal',
      };
    },

    listRoots: async (info) => {
      term.print(
        `  ? round ${info.round} · ${info.key} · the server asks which folders it may use.`,
      );
      const share = await term.choose(`    Share ${rootFolderUrl}? [y]es or [n]o? `, ['yes', 'no']);
      return share === 'yes' ? [{ uri: rootFolderUrl, name: 'Trips' }] : [];
    },
  };
}

/** Asks every field of a form until each answer is valid. */
export async function fillForm(
  term: Terminal,
  params: Pick<ElicitRequestFormParams, 'requestedSchema'>,
): Promise<NonNullable<ElicitResult['content']>> {
  const content: Record<string, FieldValue> = {};
  for (const field of toFormFields(params.requestedSchema)) {
    const note = [
      field.required || field.default !== undefined ? undefined : 'optional',
      field.description,
    ]
      .filter(Boolean)
      .join('; ');
    term.print(`    ${field.label}${note === '' ? '' : ` (${note})`}`);
    if (field.kind === 'choice' || field.kind === 'multi-choice') {
      field.options.forEach((option, index) => {
        const value = option.title === option.value ? '' : ` [${option.value}]`;
        term.print(`      ${index + 1}) ${option.title}${value}`);
      });
    }
    // Text and numbers are pre-filled to edit in place; for yes/no and choices, where one types
    // a letter or a number, the default is shown and an empty answer takes it.
    const editable = field.kind === 'string' || field.kind === 'number';
    const shown = defaultText(field);
    const question = `      ${inputHint(field)}${!editable && shown !== undefined && shown !== '' ? ` [${shown}]` : ''}: `;
    for (;;) {
      const raw = await term.ask(question, editable ? { prefill: shown } : {});
      const parsed = parseFieldInput(field, raw);
      if (parsed.ok) {
        if (parsed.value !== undefined) content[field.name] = parsed.value;
        break;
      }
      term.print(`      ✗ ${parsed.error}`);
    }
  }
  return content;
}
