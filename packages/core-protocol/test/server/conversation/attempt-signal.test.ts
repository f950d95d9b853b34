import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { AttemptSignal, signalOf } from '../../../src/server/conversation/attempt-signal.js';

describe('AttemptSignal', () => {
  it('tracks aborts without making a signal or listening to the request', () => {
    const request = new AbortController();
    const attempt = new AttemptSignal(request.signal);
    expect(attempt.aborted).toBe(false);
    attempt.abort('input_required');
    expect(attempt.aborted).toBe(true);
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
    // Made late, it is made in the state the attempt is in.
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe('input_required');
  });

  it('is aborted with the request, read before or after', () => {
    const request = new AbortController();
    const early = new AttemptSignal(request.signal);
    const signal = early.signal;
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(1);
    request.abort('gone');
    expect(signal.reason).toBe('gone');
    const late = new AttemptSignal(request.signal);
    expect(late.aborted).toBe(true);
    expect(late.signal.reason).toBe('gone');
  });

  it('keeps the first reason', () => {
    const request = new AbortController();
    const ended = new AttemptSignal(request.signal);
    ended.abort('input_required');
    request.abort('gone');
    expect(ended.signal.reason).toBe('input_required');

    const cancelled = new AbortController();
    const attempt = new AttemptSignal(cancelled.signal);
    cancelled.abort('gone');
    attempt.abort('input_required');
    expect(attempt.signal.reason).toBe('gone');

    const watched = new AbortController();
    const read = new AttemptSignal(watched.signal);
    const signal = read.signal;
    read.abort('input_required');
    watched.abort('gone');
    expect(signal.reason).toBe('input_required');
  });

  it('stops listening to the request when disposed', () => {
    const request = new AbortController();
    const attempt = new AttemptSignal(request.signal);
    const signal = attempt.signal;
    attempt.dispose();
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
    expect(signal.aborted).toBe(false);
    new AttemptSignal(request.signal).dispose();
    expect(getEventListeners(request.signal, 'abort')).toHaveLength(0);
  });

  it('signalOf passes a plain AbortSignal through', () => {
    const request = new AbortController();
    expect(signalOf(request.signal)).toBe(request.signal);
    const attempt = new AttemptSignal(request.signal);
    expect(signalOf(attempt)).toBe(attempt.signal);
  });
});
