/**
 * Shows a URL-mode elicitation: the server wants the user to complete a step on a web page that
 * the client must not see (a sign-in, a payment). The spec asks clients to show the full URL,
 * get the user's consent before opening it, and never open it on their own.
 *
 * `accept` means the user agreed to open the URL, not that the step on that page is finished.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/client/elicitation
 */
import type { ElicitRequestURLParams, ElicitResult } from '@tern/schema';
import { h, uniqueId } from './dom.js';

/**
 * Renders the consent prompt into `slot` and waits for the user. Only `http:` and `https:` URLs
 * can be opened: anything else (`javascript:`, `data:`, `file:`) can only be declined.
 */
export function askUrlConsent(
  params: ElicitRequestURLParams,
  slot: HTMLElement,
  signal: AbortSignal,
): Promise<ElicitResult> {
  const target = parseWebUrl(params.url);
  const messageId = uniqueId('consent');
  const open = h('button', { type: 'button', disabled: target === undefined }, [
    'Open in a new tab',
  ]);
  const decline = h('button', { type: 'button', class: 'secondary' }, ['Decline']);
  const cancel = h('button', { type: 'button', class: 'secondary' }, ['Cancel']);
  slot.replaceChildren(
    h('div', { class: 'url-consent', role: 'group', 'aria-labelledby': messageId }, [
      h('p', { id: messageId, class: 'elicitation-message' }, [params.message]),
      h('p', {}, [
        'The server asks you to open this page',
        target === undefined ? '' : ` on ${target.host}`,
        ':',
      ]),
      // The full URL, never shortened, so the user can see where it really goes.
      h('p', { class: 'full-url' }, [h('code', {}, [params.url])]),
      target === undefined &&
        h('p', { class: 'error', role: 'alert' }, [
          'This is not an http or https URL, so it cannot be opened.',
        ]),
      h('div', { class: 'actions' }, [open, decline, cancel]),
    ]),
  );
  open.focus();

  return new Promise<ElicitResult>((resolve) => {
    const buttons = [open, decline, cancel];
    const finish = (result: ElicitResult): void => {
      for (const button of buttons) button.disabled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => finish({ action: 'cancel' });
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    open.addEventListener('click', () => {
      if (target === undefined) return;
      // noopener: the opened page gets no handle on this one.
      window.open(target.href, '_blank', 'noopener,noreferrer');
      finish({ action: 'accept' });
    });
    decline.addEventListener('click', () => finish({ action: 'decline' }));
    cancel.addEventListener('click', () => finish({ action: 'cancel' }));
  });
}

function parseWebUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
