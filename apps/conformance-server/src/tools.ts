import { ToolError } from '@tern/core-protocol';
import type { McpServer } from '@tern/core-protocol';
import { z } from 'zod';
import { RED_PIXEL_PNG, SILENT_WAV } from './sample-media.js';
import { textOfSample } from './text-of-sample.js';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Registers the tools of the suite's `tools-*` scenarios: one tool per content type, an error,
 * progress, logging, and the two asking tools of the older revisions. `test_simple_text` is
 * registered first on purpose: the SEP-2243 header scenario calls the first listed tool with empty
 * arguments and expects a plain success.
 */
export function registerToolFixtures(server: McpServer): void {
  server.registerTool('test_simple_text', { description: 'Returns one text block.' }, () => ({
    content: [{ type: 'text', text: 'This is a simple text response for testing.' }],
  }));

  server.registerTool('test_image_content', { description: 'Returns a 1x1 PNG image.' }, () => ({
    content: [{ type: 'image', data: RED_PIXEL_PNG, mimeType: 'image/png' }],
  }));

  server.registerTool('test_audio_content', { description: 'Returns a short WAV clip.' }, () => ({
    content: [{ type: 'audio', data: SILENT_WAV, mimeType: 'audio/wav' }],
  }));

  server.registerTool(
    'test_embedded_resource',
    { description: 'Returns an embedded text resource.' },
    () => ({
      content: [
        {
          type: 'resource',
          resource: {
            uri: 'test://embedded-resource',
            mimeType: 'text/plain',
            text: 'This is an embedded resource content.',
          },
        },
      ],
    }),
  );

  server.registerTool(
    'test_multiple_content_types',
    { description: 'Returns text, an image and an embedded resource.' },
    () => ({
      content: [
        { type: 'text', text: 'Multiple content types test:' },
        { type: 'image', data: RED_PIXEL_PNG, mimeType: 'image/png' },
        {
          type: 'resource',
          resource: {
            uri: 'test://mixed-content-resource',
            mimeType: 'application/json',
            text: JSON.stringify({ test: 'data', value: 123 }),
          },
        },
      ],
    }),
  );

  server.registerTool(
    'test_error_handling',
    { description: 'Always fails as a tool error.' },
    () => {
      // A ToolError becomes `isError: true` with this text, which the model can read.
      throw new ToolError('This tool intentionally returns an error for testing');
    },
  );

  server.registerTool(
    'test_tool_with_progress',
    { description: 'Reports progress 0, 50 and 100 of 100, about 50 ms apart.' },
    async (_args, ctx) => {
      ctx.progress(0, 100);
      await delay(50);
      ctx.progress(50, 100);
      await delay(50);
      ctx.progress(100, 100);
      return 'Progress test completed.';
    },
  );

  server.registerTool(
    'test_tool_with_logging',
    {
      description:
        'Logs three info messages about 50 ms apart (sent when the request asks for logs).',
    },
    async (_args, ctx) => {
      ctx.log('info', 'Tool execution started');
      await delay(50);
      ctx.log('info', 'Tool processing data');
      await delay(50);
      ctx.log('info', 'Tool execution completed');
      return 'Logging test completed.';
    },
  );

  server.registerTool(
    'test_sampling',
    {
      description: "Asks the client's model to answer a prompt.",
      inputSchema: z.object({ prompt: z.string().describe('The prompt to send to the model') }),
    },
    async ({ prompt }, ctx) => {
      const reply = await ctx.sample({
        messages: [{ role: 'user', content: { type: 'text', text: prompt } }],
        maxTokens: 100,
      });
      return `LLM response: ${textOfSample(reply)}`;
    },
  );

  server.registerTool(
    'test_elicitation',
    {
      description: 'Asks the user for a username and an email address.',
      inputSchema: z.object({ message: z.string().describe('The message to show the user') }),
    },
    async ({ message }, ctx) => {
      const answer = await ctx.elicit(
        message,
        z.object({
          username: z.string().describe("User's response"),
          email: z.string().describe("User's email address"),
        }),
      );
      const content = answer.action === 'accept' ? answer.content : {};
      return `User response: action=${answer.action}, content=${JSON.stringify(content)}`;
    },
  );
}
