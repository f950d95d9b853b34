import { describe, expect, it } from 'vitest';
import {
  toEnvelopeCapabilities,
  toLegacyServerCapabilities,
} from '../../src/server/capabilities.js';

describe('toLegacyServerCapabilities', () => {
  it('keeps the legacy members and drops extensions', () => {
    expect(
      toLegacyServerCapabilities({
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: false },
        prompts: { listChanged: true },
        completions: {},
        logging: {},
        extensions: { 'io.modelcontextprotocol/ui': {} },
      }),
    ).toEqual({
      tools: { listChanged: true },
      resources: { subscribe: true, listChanged: false },
      prompts: { listChanged: true },
      completions: {},
      logging: {},
    });
  });
});

describe('toEnvelopeCapabilities', () => {
  const all = {
    roots: { listChanged: true },
    sampling: { tools: {}, context: {} },
    elicitation: { form: {}, url: {} },
    tasks: { list: {} },
  };

  it('drops roots.listChanged and tasks for 2025-11-25 and keeps the rest', () => {
    expect(toEnvelopeCapabilities('2025-11-25', all)).toEqual({
      roots: {},
      sampling: { tools: {}, context: {} },
      elicitation: { form: {}, url: {} },
    });
  });

  it('keeps form-only elicitation as declared', () => {
    expect(toEnvelopeCapabilities('2025-11-25', { elicitation: {} })).toEqual({ elicitation: {} });
  });

  it('limits 2025-06-18 to form elicitation and sampling without tools', () => {
    expect(toEnvelopeCapabilities('2025-06-18', all)).toEqual({
      roots: {},
      sampling: { context: {} },
      elicitation: { form: {} },
    });
  });

  it('gives 2025-03-26 no elicitation', () => {
    expect(toEnvelopeCapabilities('2025-03-26', all)).toEqual({
      roots: {},
      sampling: { context: {} },
    });
  });
});
