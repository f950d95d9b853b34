import type { NewTask, TaskOutcome, TaskRecord, TaskStatus } from '@tern/tasks';

/**
 * How a task is laid out in its Redis hash. Plain fields hold strings (`status`, `createdAt`,
 * `lastUpdatedAt`, `statusMessage`, `taskId`) or JSON (`owner`, `ttlMs`, `pollIntervalMs`,
 * `progress`, `result`, `error`, `leaseUntil`); `expiresAt` is the epoch ms the TTL ends ('' for
 * none). Per input key `k`: `i:k` its issue number (keys are unique over the task's life),
 * `q:k` the outstanding request, `a:k` the delivered answer not taken yet; `seq` and `pending`
 * count issued and outstanding keys. All values are written by JavaScript and only moved by Lua.
 */

/** The hash fields of a new task, as name/value pairs. */
export function newTaskFields(task: NewTask, now: number): string[] {
  const stamp = new Date(now).toISOString();
  const fields = [
    'taskId',
    task.taskId,
    'owner',
    JSON.stringify(task.owner),
    'status',
    'working',
    'createdAt',
    stamp,
    'lastUpdatedAt',
    stamp,
    'ttlMs',
    JSON.stringify(task.ttlMs),
    'expiresAt',
    task.ttlMs === null ? '' : String(now + task.ttlMs),
    'pollIntervalMs',
    JSON.stringify(task.pollIntervalMs),
    'seq',
    '0',
    'pending',
    '0',
  ];
  if (task.statusMessage !== undefined) fields.push('statusMessage', task.statusMessage);
  if (task.leaseUntil !== undefined) fields.push('leaseUntil', JSON.stringify(task.leaseUntil));
  return fields;
}

/** The hash fields an outcome sets, `status` first. */
export function outcomeFields(outcome: TaskOutcome): string[] {
  const fields = ['status', outcome.status];
  if (outcome.status === 'completed') fields.push('result', JSON.stringify(outcome.result));
  if (outcome.status === 'failed') fields.push('error', JSON.stringify(outcome.error));
  if (outcome.status === 'cancelled' && outcome.statusMessage !== undefined) {
    fields.push('statusMessage', outcome.statusMessage);
  }
  return fields;
}

/** A flat `HGETALL` reply (field, value, field, value, ...) as a map. */
export function pairsToMap(flat: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) map.set(String(flat[i]), String(flat[i + 1]));
  return map;
}

/**
 * The task a hash holds, or `undefined` for an empty hash (no such task) or one whose TTL ended by
 * the store's clock (Redis' own expiry removes it soon after).
 */
export function decodeTask(fields: Map<string, string>, now: number): TaskRecord | undefined {
  const taskId = fields.get('taskId');
  if (taskId === undefined) return undefined;
  const expiresAt = fields.get('expiresAt');
  if (expiresAt !== undefined && expiresAt !== '' && now >= Number(expiresAt)) return undefined;
  const issued: [string, number][] = [];
  const inputRequests: TaskRecord['inputRequests'] = {};
  const inputResponses: TaskRecord['inputResponses'] = {};
  for (const [field, value] of fields) {
    const key = field.slice(2);
    if (field.startsWith('i:')) issued.push([key, Number(value)]);
    else if (field.startsWith('q:')) inputRequests[key] = JSON.parse(value) as never;
    else if (field.startsWith('a:')) inputResponses[key] = JSON.parse(value) as unknown;
  }
  issued.sort((a, b) => a[1] - b[1]);
  const record: TaskRecord = {
    taskId,
    owner: JSON.parse(fields.get('owner') ?? 'null') as string | null,
    status: fields.get('status') as TaskStatus,
    createdAt: fields.get('createdAt') ?? '',
    lastUpdatedAt: fields.get('lastUpdatedAt') ?? '',
    ttlMs: JSON.parse(fields.get('ttlMs') ?? 'null') as number | null,
    pollIntervalMs: JSON.parse(fields.get('pollIntervalMs') ?? '0') as number,
    inputRequests: ordered(inputRequests, issued),
    inputResponses: ordered(inputResponses, issued),
    issuedKeys: issued.map(([key]) => key),
  };
  const statusMessage = fields.get('statusMessage');
  if (statusMessage !== undefined) record.statusMessage = statusMessage;
  for (const name of ['progress', 'result', 'error', 'leaseUntil'] as const) {
    const value = fields.get(name);
    if (value !== undefined)
      (record as unknown as Record<string, unknown>)[name] = JSON.parse(value);
  }
  return record;
}

/** `values` with its keys in the order they were issued. */
function ordered<T>(values: Record<string, T>, issued: [string, number][]): Record<string, T> {
  const result: Record<string, T> = {};
  for (const [key] of issued) if (Object.hasOwn(values, key)) result[key] = values[key] as T;
  return result;
}
