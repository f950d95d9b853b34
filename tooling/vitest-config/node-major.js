// Global setup of every Vitest run: when TERN_EXPECT_NODE_MAJOR is set (scripts/ensure-node.sh sets
// it for the whole suite, scripts/test-node-matrix.sh for each major it tests), a run on another
// Node major fails before any test, so CI cannot pass on a Node it did not mean to test.
export default function checkNodeMajor() {
  const expected = process.env['TERN_EXPECT_NODE_MAJOR'];
  if (expected === undefined || expected === '') return;
  const major = process.versions.node.split('.')[0];
  if (major !== expected)
    throw new Error(
      `this test run is on Node ${process.version} (${process.execPath}), but CI meant it for Node ${expected} (TERN_EXPECT_NODE_MAJOR, scripts/node-versions.json)`,
    );
}
