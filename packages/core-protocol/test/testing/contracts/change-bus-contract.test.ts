// The ChangeBus contract run against the in-memory bus (the Redis bus runs it in @tern/redis).
import { runChangeBusContract } from '../../../src/testing/contracts/index.js';
import { InMemoryChangeBus } from '../../../src/index.js';

runChangeBusContract('InMemoryChangeBus', ({ maxRetainedEvents }) => {
  const bus = new InMemoryChangeBus({ maxRetainedEvents });
  return Promise.resolve({
    instance: () => Promise.resolve(bus),
    dispose: () => Promise.resolve(),
  });
});
