/**
 * Starts the page: connects to an MCP server, lists its tools, and runs each call as a timeline.
 *
 * The server URL is, in order: the `?server=` query parameter, the `/mcp` endpoint of the origin
 * that served the page (the demo server serves this page next to its endpoint; `vite` and
 * `vite preview` proxy `/mcp` to it), or the demo server's own address when the page was opened
 * from a file.
 */
// First: it must run before Tern's packages build their Zod schemas.
import './zod-jitless.js';
import { deliverLoginCallback } from './browser-login.js';
import { BrowserSession } from './browser-session.js';
import { required } from './dom.js';
import { describeError } from './render-result.js';
import { ToolPanel } from './tool-panel.js';

const DEMO_SERVER_URL = 'http://127.0.0.1:3030/mcp';

function defaultServerUrl(): string {
  const fromQuery = new URLSearchParams(location.search).get('server');
  if (fromQuery !== null && fromQuery !== '') return fromQuery;
  return location.protocol === 'http:' || location.protocol === 'https:'
    ? new URL('/mcp', location.origin).href
    : DEMO_SERVER_URL;
}

/** Starts the page (not in the login window coming back from the authorization server). */
function start(): void {
  const connectForm = required('connect-form', HTMLFormElement);
  const urlInput = required('server-url', HTMLInputElement);
  const status = required('connection-status', HTMLElement);
  const loginPrompt = required('login-prompt', HTMLElement);
  const conversations = required('conversations', HTMLElement);

  let session: BrowserSession | undefined;

  const panel = new ToolPanel(
    {
      list: required('tool-list', HTMLUListElement),
      form: required('call-form', HTMLFormElement),
      heading: required('call-heading', HTMLElement),
      description: required('call-tool-description', HTMLElement),
      args: required('call-arguments', HTMLTextAreaElement),
      json: required('call-json', HTMLDivElement),
      fields: required('call-fields', HTMLDivElement),
      error: required('call-error', HTMLElement),
    },
    (name, args) => {
      // Each call runs on its own; several conversations may be open at once.
      void session?.callTool(conversations, name, args);
    },
  );

  async function connect(url: string): Promise<void> {
    status.textContent = `Connecting to ${url}…`;
    status.dataset['state'] = 'connecting';
    panel.show([]);
    const next = new BrowserSession(url, loginPrompt);
    try {
      const tools = await next.listTools();
      session = next;
      panel.show(tools);
      status.textContent = `Connected to ${url}: ${tools.length} tool${tools.length === 1 ? '' : 's'}.`;
      status.dataset['state'] = 'connected';
    } catch (error) {
      session = undefined;
      status.textContent = `Could not list the tools of ${url}. ${describeError(error)}`;
      status.dataset['state'] = 'error';
    }
  }

  connectForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void connect(urlInput.value);
  });

  urlInput.value = defaultServerUrl();
  void connect(urlInput.value);
}

if (!deliverLoginCallback()) start();
