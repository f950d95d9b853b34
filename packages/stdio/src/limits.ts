import { usageError } from '@tern/jsonrpc';

/** Checks a limit of the stdio options. @throws SdkError INVALID_USAGE unless a positive integer */
export function positiveLimit(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw usageError(`${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/** Checks a limit that may be 0. @throws SdkError INVALID_USAGE unless a non-negative integer */
export function nonNegativeLimit(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw usageError(`${name} must be a non-negative integer, got ${String(value)}`);
  return value;
}
