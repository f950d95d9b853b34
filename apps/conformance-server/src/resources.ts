import type { McpServer } from '@tern/core-protocol';
import { RED_PIXEL_PNG } from './sample-media.js';

/**
 * Registers the resources of the `resources-*` and `caching` scenarios. Unknown URIs such as
 * `test://nonexistent-resource-for-conformance-testing` need no code: the core answers them with
 * -32602 and the URI in `data` (SEP-2164).
 */
export function registerResourceFixtures(server: McpServer): void {
  server.registerResource(
    {
      uri: 'test://static-text',
      name: 'static-text',
      description: 'A fixed text resource.',
      mimeType: 'text/plain',
    },
    (uri) => ({
      contents: [
        { uri, mimeType: 'text/plain', text: 'This is the content of the static text resource.' },
      ],
    }),
  );

  server.registerResource(
    {
      uri: 'test://static-binary',
      name: 'static-binary',
      description: 'A fixed binary resource: a 1x1 PNG.',
      mimeType: 'image/png',
    },
    (uri) => ({ contents: [{ uri, mimeType: 'image/png', blob: RED_PIXEL_PNG }] }),
  );

  server.registerResource(
    {
      uri: 'test://watched-resource',
      name: 'watched-resource',
      description: 'A resource clients may subscribe to.',
      mimeType: 'text/plain',
    },
    (uri) => ({ contents: [{ uri, mimeType: 'text/plain', text: 'Watched resource content.' }] }),
  );

  server.registerResourceTemplate(
    {
      uriTemplate: 'test://template/{id}/data',
      name: 'template-data',
      description: 'JSON data for any id.',
      mimeType: 'application/json',
      complete: { id: (value) => ['123', '456', '789'].filter((id) => id.startsWith(value)) },
    },
    (uri, variables) => {
      const id = String(variables['id']);
      return {
        contents: [
          {
            uri,
            mimeType: 'application/json',
            text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
          },
        ],
      };
    },
  );
}
