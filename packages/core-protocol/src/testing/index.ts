/**
 * @tern/core-protocol/testing: drive a server in memory, without a network. Everything exported
 * here is public API, meant for tests of code built on Tern.
 */
export { InMemoryTransport } from './in-memory-transport.js';
export type { InMemoryTransportOptions } from './in-memory-transport.js';
export { ServerDriver } from './server-driver.js';
export type {
  DriverRequestOptions,
  Exchange,
  RoundAnswerer,
  ServerDriverOptions,
} from './server-driver.js';
