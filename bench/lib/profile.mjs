// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per package,
// so the report can say where a server's time goes.
import { readFileSync } from 'node:fs';

/** The package (or runtime part) a script URL belongs to. */
export function ownerOf(url) {
  if (url === '') return '(native / V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const tern = /\/packages\/([^/]+)\/dist\//.exec(url);
  if (tern !== null) return `@tern/${tern[1]}`;
  const pnpm = /\/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pnpm !== null) return pnpm[1];
  const plain = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (plain !== null) return plain[1];
  if (url.includes('/bench/')) return 'bench server';
  return url;
}

function shortUrl(url) {
  const tern = /\/packages\/([^/]+)\/dist\/(.+)$/.exec(url);
  if (tern !== null) return `${tern[1]}/dist/${tern[2]}`;
  const modules = /\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(.+)$/.exec(url);
  if (modules !== null) return modules[1];
  return url.replace(/^file:\/\/.*\/bench\//, 'bench/');
}

/**
 * Reads a profile and returns the top self-time frames and the self time per package, as shares
 * of the non-idle time.
 */
export function summariseProfile(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map();
  for (let index = 0; index < profile.samples.length; index += 1) {
    const id = profile.samples[index];
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const frames = new Map();
  const owners = new Map();
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    if (name === '(idle)') continue;
    busy += micros;
    const key = `${name} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
    frames.set(key, (frames.get(key) ?? 0) + micros);
    const owner = ['(garbage collector)', '(program)'].includes(name)
      ? name
      : ownerOf(callFrame.url);
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
  }
  // Inclusive time of the workspace's own functions (what they and their callees cost).
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map();
  for (const [id, micros] of selfMicros) {
    if (byId.get(id).callFrame.functionName === '(idle)') continue;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const { callFrame } = byId.get(at);
      if (!/\/packages\/[^/]+\/dist\//.test(callFrame.url)) continue;
      const key = `${callFrame.functionName || '(anonymous)'} ${shortUrl(callFrame.url)}:${callFrame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
    }
  }
  const share = (entries) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .map(([key, micros]) => ({ key, share: micros / busy, ms: micros / 1000 }));
  return {
    busyMs: busy / 1000,
    frames: share(frames).slice(0, top),
    owners: share(owners).slice(0, top),
    ternInclusive: share(inclusive).slice(0, top),
  };
}
