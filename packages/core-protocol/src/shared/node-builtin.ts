/**
 * A Node built-in module where the runtime offers it synchronously through
 * `process.getBuiltinModule` (Node 20.16+/22.3+, Bun, Deno, Workers with `nodejs_compat`), else
 * `undefined`. The core never `import`s a `node:` module, so browser and edge bundles stay free of
 * them: callers fall back to web-standard code when this answers `undefined`.
 */
export function nodeBuiltin<TModule>(
  id: 'node:crypto' | 'node:buffer',
  has: (module: Partial<TModule>) => boolean,
): TModule | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  try {
    const module = runtime?.getBuiltinModule?.(id) as Partial<TModule> | undefined;
    return module !== undefined && has(module) ? (module as TModule) : undefined;
  } catch {
    return undefined;
  }
}
