import type { McpServer } from '@tern/core-protocol';
import { z } from 'zod';
import { RED_PIXEL_PNG } from './sample-media.js';

const SUGGESTIONS = ['paris', 'park', 'party', 'test', 'testing', 'tern'];

/**
 * Registers the prompts of the `prompts-*`, `completion-complete` and
 * `input-required-result-non-tool-request` scenarios.
 */
export function registerPromptFixtures(server: McpServer): void {
  server.registerPrompt(
    'test_simple_prompt',
    { description: 'A prompt without arguments.' },
    () => ({
      messages: [
        { role: 'user', content: { type: 'text', text: 'This is a simple prompt for testing.' } },
      ],
    }),
  );

  server.registerPrompt(
    'test_prompt_with_arguments',
    {
      description: 'A prompt with two arguments; arg1 and arg2 complete from a fixed word list.',
      arguments: z.object({
        arg1: z.string().describe('First test argument'),
        arg2: z.string().describe('Second test argument'),
      }),
      complete: {
        arg1: (value) => SUGGESTIONS.filter((word) => word.startsWith(value)),
        arg2: (value) => SUGGESTIONS.filter((word) => word.startsWith(value)),
      },
    },
    ({ arg1, arg2 }) => ({
      messages: [
        {
          role: 'user',
          content: { type: 'text', text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` },
        },
      ],
    }),
  );

  server.registerPrompt(
    'test_prompt_with_embedded_resource',
    {
      description: 'A prompt that embeds the resource it is given.',
      arguments: z.object({ resourceUri: z.string().describe('URI of the resource to embed') }),
    },
    ({ resourceUri }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'resource',
            resource: {
              uri: resourceUri,
              mimeType: 'text/plain',
              text: 'Embedded resource content for testing.',
            },
          },
        },
        {
          role: 'user',
          content: { type: 'text', text: 'Please process the embedded resource above.' },
        },
      ],
    }),
  );

  server.registerPrompt(
    'test_prompt_with_image',
    { description: 'A prompt with an image.' },
    () => ({
      messages: [
        { role: 'user', content: { type: 'image', data: RED_PIXEL_PNG, mimeType: 'image/png' } },
        { role: 'user', content: { type: 'text', text: 'Please analyze the image above.' } },
      ],
    }),
  );

  server.registerPrompt(
    'test_input_required_result_prompt',
    { description: 'Asks for context (input request "user_context") before rendering (SEP-2322).' },
    async (_args, ctx) => {
      const answer = await ctx.elicit(
        'What context should the prompt use?',
        z.object({ context: z.string() }),
        {
          key: 'user_context',
        },
      );
      const context = answer.action === 'accept' ? answer.content.context : 'no context';
      return {
        messages: [
          {
            role: 'user',
            content: { type: 'text', text: `Answer using this context: ${context}` },
          },
        ],
      };
    },
  );
}
