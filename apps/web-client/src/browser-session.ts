/**
 * The MCP side of the page: `@tern/client-http` and `@tern/core-protocol` exactly as a Node
 * program would use them. Nothing here is browser-specific except the handlers, which draw into
 * the page.
 */
import { StreamableHttpTransport } from '@tern/client-http';
import { McpClient } from '@tern/core-protocol';
import type { CallToolResult, Implementation, Tool } from '@tern/schema';
import { withTasks } from '@tern/tasks';
import { LOGIN_WAIT_MS, createBrowserAuthProvider } from './browser-login.js';
import { ConversationTimeline } from './conversation-timeline.js';
import type { ConversationSubject } from './conversation-timeline.js';
import { renderElicitationForm } from './elicitation-form.js';
import { askUrlConsent } from './url-consent.js';

const CLIENT_INFO: Implementation = { name: 'tern-web-client', version: '0.0.0' };

/** A user may take their time over a form; the client's default would end the conversation at 10 minutes. */
const CONVERSATION_TIMEOUT_MS = 30 * 60_000;

/** A connection to one MCP endpoint. */
export class BrowserSession {
  readonly #transport: StreamableHttpTransport;
  readonly #client: McpClient;

  /** `loginPrompt` is where a login is asked for, when the server wants one (a 401). */
  constructor(url: string, loginPrompt: HTMLElement) {
    // One provider for the listing and every call; it stays idle unless the server answers 401.
    this.#transport = new StreamableHttpTransport({ url, authProvider: createBrowserAuthProvider(loginPrompt) });
    // No input handlers: this client only lists. Each call gets its own client (see `callTool`).
    this.#client = new McpClient(CLIENT_INFO, { transport: this.#transport });
  }

  /** The endpoint URL. */
  get url(): string {
    return this.#transport.url;
  }

  /** Every tool of the server; the first request may wait for the person to log in. */
  listTools(): Promise<Tool[]> {
    return this.#client.listAllTools({ timeoutMs: LOGIN_WAIT_MS + 30_000 });
  }

  /**
   * Calls a tool and draws its conversation as a timeline in `parent`. Resolves when the
   * conversation has ended, whatever the outcome (the timeline shows it).
   */
  async callTool(parent: HTMLElement, name: string, args: Record<string, unknown>): Promise<void> {
    const controller = new AbortController();
    const subject: ConversationSubject = { method: 'tools/call', name, args };
    const timeline = new ConversationTimeline(parent, subject, () =>
      controller.abort(new Error('Stopped by the user')),
    );
    // A client per conversation: input handlers are options of the client and are not told which
    // conversation asks, so binding them to this timeline needs a client of its own. A client is
    // cheap (2026-07-28 requests stand alone) and all of them share one transport.
    const client = new McpClient(CLIENT_INFO, {
      // Tools that run as tasks (SEP-2663) are polled to their result; the timeline shows each state.
      transport: withTasks(this.#transport, { onTask: (task) => timeline.task(task) }),
      conversationTimeoutMs: CONVERSATION_TIMEOUT_MS,
      handlers: {
        elicitForm: (params, info) =>
          renderElicitationForm(params, timeline.slotFor(info.round, info.key), info.signal),
        elicitUrl: (params, info) =>
          askUrlConsent(params, timeline.slotFor(info.round, info.key), info.signal),
      },
    });
    let result: CallToolResult;
    try {
      result = await client.callTool(name, args, {
        signal: controller.signal,
        onRound: (event) => timeline.recordRound(event),
        onProgress: (update) => timeline.progress(update),
      });
    } catch (error) {
      timeline.fail(error);
      return;
    }
    timeline.complete(result);
  }
}
