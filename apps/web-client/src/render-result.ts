/**
 * Shows a tool result and explains errors. Binary content is only shown through `data:` URLs of
 * the declared media type, and links only for `http:`/`https:` URIs.
 */
import { isHttpError } from '@tern/client-http';
import { isSdkError } from '@tern/core-protocol';
import type { CallToolResult, ContentBlock } from '@tern/schema';
import { describeLoginFailure } from './browser-login.js';
import { h, json } from './dom.js';

/** The content blocks and structured content of a `tools/call` result. */
export function renderCallResult(result: CallToolResult): HTMLElement {
  const blocks = result.content.map(renderBlock);
  const structured =
    result.structuredContent === undefined
      ? undefined
      : h('details', {}, [
          h('summary', {}, ['Structured content']),
          h('pre', {}, [json(result.structuredContent)]),
        ]);
  return h('div', { class: result.isError === true ? 'result result-error' : 'result' }, [
    result.isError === true && h('p', { class: 'error' }, ['The tool reported an error:']),
    ...blocks,
    structured,
  ]);
}

function renderBlock(block: ContentBlock): HTMLElement {
  switch (block.type) {
    case 'text':
      return h('pre', { class: 'text' }, [block.text]);
    case 'image':
      return block.mimeType.startsWith('image/')
        ? h('img', {
            src: `data:${block.mimeType};base64,${block.data}`,
            alt: 'Image returned by the tool',
          })
        : h('p', {}, [`An image of type ${block.mimeType}.`]);
    case 'audio':
      return block.mimeType.startsWith('audio/')
        ? h('audio', { controls: true, src: `data:${block.mimeType};base64,${block.data}` })
        : h('p', {}, [`Audio of type ${block.mimeType}.`]);
    case 'resource_link':
      return h('p', {}, ['Resource link: ', link(block.uri, block.title ?? block.name)]);
    case 'resource': {
      const resource = block.resource;
      return 'text' in resource && typeof resource.text === 'string'
        ? h('div', {}, [
            h('p', {}, ['Resource ', h('code', {}, [resource.uri])]),
            h('pre', { class: 'text' }, [resource.text]),
          ])
        : h('p', {}, ['Binary resource ', h('code', {}, [resource.uri])]);
    }
  }
}

function link(uri: string, text: string): HTMLElement {
  const isWeb = /^https?:\/\//i.test(uri);
  return isWeb
    ? h('a', { href: uri, target: '_blank', rel: 'noopener noreferrer' }, [text])
    : h('code', {}, [uri]);
}

/**
 * One sentence for an error of the client, the transport or the server. A `fetch` that fails
 * without a response (the client re-issues it, then gives up with `STREAM_INTERRUPTED`) is, in a
 * browser, either an unreachable server or one that does not allow this page's origin (CORS);
 * the browser does not tell the page which.
 */
export function describeError(error: unknown): string {
  const loginFailure = describeLoginFailure(error);
  if (loginFailure !== undefined) return loginFailure;
  const networkFailure = causes(error).find((cause) => cause instanceof TypeError);
  if (networkFailure !== undefined) {
    return `No answer from the server (${networkFailure.message}). Is it running, and does it allow this page's origin (${location.origin}) through CORS?`;
  }
  if (isHttpError(error)) {
    const reason = error.error === undefined ? '' : `: ${error.error.message}`;
    return `The server answered HTTP ${error.status}${reason}`;
  }
  if (isSdkError(error)) return `${error.message} (${error.code})`;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'number'
      ? `The server answered error ${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/** `error`, its `cause`, the cause's cause, ... (at most 10). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 10;) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}
