// Browser bundle size: the same client use (connect, list tools, call a tool, answer an
// elicitation; bundle/*.mjs) built with esbuild for the browser, minified, for Tern
// (@tern/client-http + @tern/core-protocol) and the official SDK v2 (@modelcontextprotocol/client),
// with zod bundled and with zod left out (external: what the bundle costs on a page that already
// ships zod). Sizes are of the minified output and of it gzipped (zlib level 9); the share of
// each package comes from esbuild's metafile. Each bundle is written to .results/bundles/ and
// then RUN against a Tern bench server (`verifyBundles`), so the bytes measured are of code that
// works.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ownerOf } from './profile.mjs';
import { BENCH_DIR } from './processes.mjs';
import { formAnswer } from './requests.mjs';

export const BUNDLES = [
  {
    name: 'tern',
    label: 'Tern: @tern/client-http + @tern/core-protocol',
    entry: 'tern-client.mjs',
  },
  {
    name: 'official',
    label: 'official SDK v2: @modelcontextprotocol/client',
    entry: 'official-client.mjs',
  },
];

const VARIANTS = [
  { name: 'with-zod', label: 'with zod', external: [] },
  { name: 'without-zod', label: 'zod external', external: ['zod', 'zod/*'] },
];

const OUT_DIR = join(BENCH_DIR, '.results', 'bundles');

/** Bytes of the output per owning package (@tern/…, zod, …), largest first. */
function shares(metafile) {
  const [output] = Object.values(metafile.outputs);
  const byOwner = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const owner = ownerOf(input);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + bytesInOutput);
  }
  return Object.fromEntries([...byOwner].sort((a, b) => b[1] - a[1]));
}

/** Builds one bundle variant: minified ESM for browsers, everything but `external` inlined. */
async function buildOne(bundle, variant) {
  const result = await build({
    entryPoints: [join(BENCH_DIR, 'bundle', bundle.entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: variant.external,
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const file = join(OUT_DIR, `${bundle.name}-${variant.name}.mjs`);
  writeFileSync(file, code);
  return {
    bundle: bundle.name,
    label: bundle.label,
    variant: variant.name,
    variantLabel: variant.label,
    file,
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    byOwner: shares(result.metafile),
  };
}

/** Builds every bundle in every variant. */
export async function buildBundles() {
  mkdirSync(OUT_DIR, { recursive: true });
  const rows = [];
  for (const bundle of BUNDLES) {
    for (const variant of VARIANTS) rows.push(await buildOne(bundle, variant));
  }
  return rows;
}

/**
 * Runs each with-zod bundle's `run(url)` against the MCP endpoint `url` (a Tern bench server) and
 * returns what each saw: the server's name, the tool names and the booked trip's text.
 */
export async function verifyBundles(rows, url) {
  const seen = {};
  for (const row of rows.filter((item) => item.variant === 'with-zod')) {
    const { run } = await import(pathToFileURL(row.file).href);
    seen[row.bundle] = await run(url, formAnswer);
  }
  return seen;
}
