/**
 * @tern/tasks/testing: the contract suite of `TaskStore`, for implementations outside this
 * package (a Redis store) to run in their own tests. Needs vitest.
 */
export { runTaskStoreContract } from './task-store-contract.js';
export type { ContractClock, TaskStoreFactory } from './task-store-contract.js';
