import type { ProgressNotificationParams } from '@tern/schema';

const WIDTH = 24;

/** `[██████████░░░░░░░░░░░░░░] 3/6 Asking Iberia…` */
export function renderProgress(
  progress: number,
  total: number | undefined,
  message: string | undefined,
): string {
  const ratio = total === undefined || total <= 0 ? 0 : Math.min(1, progress / total);
  const filled = Math.round(ratio * WIDTH);
  const bar = total === undefined ? '' : `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] `;
  const count = total === undefined ? `${progress}` : `${progress}/${total}`;
  return `${bar}${count}${message === undefined ? '' : ` ${message}`}`;
}

/**
 * Shows `notifications/progress` of one call. On a terminal the bar redraws in place; in a log
 * (CI, a pipe) each update is its own line.
 */
export class ProgressBar {
  readonly #out: NodeJS.WritableStream;
  readonly #isTty: boolean;
  #updates = 0;
  #drawn = false;

  constructor(out: NodeJS.WritableStream, isTty: boolean) {
    this.#out = out;
    this.#isTty = isTty;
  }

  /** How many progress notifications arrived. */
  get updates(): number {
    return this.#updates;
  }

  /** Pass as `onProgress`. */
  readonly update = (params: ProgressNotificationParams): void => {
    this.#updates += 1;
    const line = `  ${renderProgress(params.progress, params.total, params.message)}`;
    if (this.#isTty) {
      this.#out.write(`\r\u001b[2K${line}`);
      this.#drawn = true;
    } else {
      this.#out.write(`${line}\n`);
    }
  };

  /** Ends the bar's line (call before printing anything else). */
  finish(): void {
    if (this.#drawn) this.#out.write('\n');
    this.#drawn = false;
  }
}
