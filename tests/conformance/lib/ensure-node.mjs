// Finds a Node >= 22 for the suite (it uses fs.globSync) without any network but the npm registry.
import { relative } from 'node:path';
import { installNode, versionOf } from '../../../scripts/lib/install-node.mjs';
import { fail } from './fail.mjs';

/**
 * Returns a Node >= 22: this one, $TERN_CONFORMANCE_NODE, or `node-<platform>-<arch>@version`
 * installed once with npm into `<cacheRoot>/node-<version>/` and reused.
 */
export function ensureNode({ cacheRoot, version, root }) {
  const major = (v) => Number(v.replace(/^v/, '').split('.')[0]);
  if (major(process.versions.node) >= 22)
    return { path: process.execPath, version: process.versions.node };
  const override = process.env['TERN_CONFORMANCE_NODE'];
  let binary = override;
  try {
    binary ??= installNode({
      version,
      cacheRoot,
      log: () =>
        process.stdout.write(
          `conformance: installing Node ${version} into ${relative(root, cacheRoot)} (once)\n`,
        ),
    });
    const found = versionOf(binary);
    if (major(found) < 22) fail(`${binary} is Node ${found}; the suite needs Node >= 22`);
    return { path: binary, version: found };
  } catch (error) {
    return fail(error.message);
  }
}
