/**
 * @tern/core-protocol/testing/contracts: the contracts of the core's seams as vitest suites, for
 * the tests of your own implementations (vitest is an optional peer dependency, needed only here).
 */
export { runChangeBusContract } from './change-bus-contract.js';
export type { ChangeBusContractFactory, ChangeBusContractSetup } from './change-bus-contract.js';
export { runConversationStoreContract } from './conversation-store-contract.js';
export type {
  ConversationContractClock,
  ConversationStoreFactory,
  RevocableConversationStore,
} from './conversation-store-contract.js';
