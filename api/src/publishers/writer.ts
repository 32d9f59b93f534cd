import type { Actor } from '../audit/audit';
import type { PublisherScope } from './publisher.rules';

/** Who writes, with the scope the write is checked against and the name the audit trail keeps. */
export type Writer = Actor & PublisherScope;

/**
 * A command run on the server by its operator (the seed, `npm run notices:import`): province
 * scope, no key. Audited under `name`.
 */
export const SERVER_WRITER: Writer = Object.freeze({
  publisherId: null,
  name: 'cli',
  keyId: null,
  region: '530000',
  isAdmin: true,
});
