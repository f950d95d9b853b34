/**
 * A {@link TokenStore} in one JSON file, for command-line tools: tokens survive restarts. Node.js
 * only (`@tern/client-auth/node`). The file is created with mode 0600 in a directory of mode 0700,
 * and replaced atomically (write to a temporary file, then rename), so a crash never leaves it
 * half written.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuthError } from '../errors.js';
import type { StoredClient, StoredTokens, TokenStore } from '../token-store.js';

interface FileContents {
  version: 1;
  tokens: Record<string, StoredTokens>;
  clients: Record<string, StoredClient>;
}

/** Options of {@link FileTokenStore}. */
export interface FileTokenStoreOptions {
  /** Most bytes the file may have; a larger one is refused. Default 1 MiB. */
  maxBytes?: number;
}

/** Keeps tokens and registered clients in `path`, e.g. `~/.config/my-cli/mcp-auth.json`. */
export class FileTokenStore implements TokenStore {
  readonly #path: string;
  readonly #maxBytes: number;
  /** Writes one at a time, each on top of the last. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string, options: FileTokenStoreOptions = {}) {
    this.#path = path;
    this.#maxBytes = options.maxBytes ?? 1024 * 1024;
  }

  async getTokens(endpoint: string): Promise<StoredTokens | undefined> {
    return (await this.#read()).tokens[endpoint];
  }

  setTokens(endpoint: string, tokens: StoredTokens): Promise<void> {
    return this.#update((contents) => {
      contents.tokens[endpoint] = tokens;
    });
  }

  deleteTokens(endpoint: string): Promise<void> {
    return this.#update((contents) => {
      delete contents.tokens[endpoint];
    });
  }

  async getClient(issuer: string): Promise<StoredClient | undefined> {
    return (await this.#read()).clients[issuer];
  }

  setClient(issuer: string, client: StoredClient): Promise<void> {
    return this.#update((contents) => {
      contents.clients[issuer] = client;
    });
  }

  deleteClient(issuer: string): Promise<void> {
    return this.#update((contents) => {
      delete contents.clients[issuer];
    });
  }

  async #read(): Promise<FileContents> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { version: 1, tokens: {}, clients: {} };
      throw new AuthError('invalid_configuration', `The token file ${this.#path} cannot be read`, { cause: error });
    }
    if (text.length > this.#maxBytes) {
      throw new AuthError('invalid_configuration', `The token file ${this.#path} is larger than ${this.#maxBytes} bytes`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AuthError('invalid_configuration', `The token file ${this.#path} is not JSON`);
    }
    const contents = parsed as Partial<FileContents> | null;
    if (contents?.version !== 1 || typeof contents.tokens !== 'object' || typeof contents.clients !== 'object') {
      throw new AuthError('invalid_configuration', `The token file ${this.#path} is not a token file of this version`);
    }
    return contents as FileContents;
  }

  #update(change: (contents: FileContents) => void): Promise<void> {
    const run = this.#queue.then(async () => {
      const contents = await this.#read();
      change(contents);
      await mkdir(dirname(this.#path), { recursive: true, mode: 0o700 });
      const temporary = `${this.#path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(contents, null, 2)}\n`, { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, this.#path);
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
