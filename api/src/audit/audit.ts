/**
 * Writing the audit trail: every write through the API or a command adds one entry in the same
 * transaction as the write, so a write without its entry cannot exist.
 */
import crypto from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { canonicalize } from 'json-canonicalize';
import { AuditEntry } from './audit-entry.entity';

/** Who is writing. */
export interface Actor {
  publisherId: number | null;
  /** The bureau's name, or `cli:<command>`. */
  name: string;
  keyId: string | null;
}

/** SHA-256 of a record's RFC 8785 canonical JSON; null for "no record" (before a create, after a delete). */
export function recordHash(record: unknown): string | null {
  if (record == null) return null;
  return crypto.createHash('sha256').update(canonicalize(record), 'utf8').digest('hex');
}

/**
 * Adds an audit entry in the caller's transaction.
 * @example await audit(tx, actor, { action: 'notice.withdraw', entityType: 'SubsidyNotice', entityKey: number, region, before, after, summary: '撤回：…' });
 */
export async function audit(
  em: EntityManager,
  actor: Actor,
  entry: {
    action: string;
    entityType: string;
    entityKey: string;
    region: string | null;
    before: unknown;
    after: unknown;
    summary: string;
  },
): Promise<void> {
  await em.insert(AuditEntry, {
    at: new Date(),
    publisherId: actor.publisherId,
    actor: actor.name,
    keyId: actor.keyId,
    action: entry.action,
    entityType: entry.entityType,
    entityKey: entry.entityKey,
    region: entry.region,
    beforeSha256: recordHash(entry.before),
    afterSha256: recordHash(entry.after),
    summary: entry.summary.slice(0, 512),
  });
}
