import { describe, expect, it } from 'vitest';
import { EmptyResultSchema, ResultSchema, ResultType, ResultTypeSchema } from '../src/index.js';

describe('ResultSchema', () => {
  it('requires resultType (clients default a missing one before parsing)', () => {
    expect(ResultSchema.safeParse({}).success).toBe(false);
  });

  it('accepts an extension resultType, since generic results may carry one', () => {
    expect(ResultSchema.parse({ resultType: 'task', taskId: 't1' })).toEqual({
      resultType: 'task',
      taskId: 't1',
    });
  });
});

describe('ResultTypeSchema', () => {
  it('accepts only the core values', () => {
    expect(ResultTypeSchema.parse(ResultType.Complete)).toBe('complete');
    expect(ResultTypeSchema.parse(ResultType.InputRequired)).toBe('input_required');
    expect(ResultTypeSchema.safeParse('task').success).toBe(false);
    expect(ResultTypeSchema.safeParse('Complete').success).toBe(false);
  });
});

describe('EmptyResultSchema', () => {
  it('is a complete result with nothing else required', () => {
    expect(EmptyResultSchema.parse({ resultType: 'complete' })).toEqual({ resultType: 'complete' });
    expect(EmptyResultSchema.safeParse({ resultType: 'input_required' }).success).toBe(false);
  });
});
