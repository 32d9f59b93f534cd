import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { checkpointOfSize } from '../db/log-checkpoints';
import { readEntries } from '../db/log-store';
import { registerNodeLoader } from '../graphql/node-registry';
import type { Row } from '../db/rows';
import { inputError } from '../graphql/errors';
import { SubsidyNoticeObject, SubsidyNoticeRevisionObject } from '../subsidies/subsidy.type';
import type { SubsidyNotice } from '../subsidies/subsidy-notice.entity';
import { LogEntry } from './log-entry.entity';
import {
  DisclosureLogObject,
  LogCheckpointObject,
  LogCosignatureObject,
  LogEntryObject,
  LogProofObject,
} from './log.type';

registerNodeLoader('LogCheckpoint', async (em, key) => {
  const found = await checkpointOfSize(em, Number(key));
  return found ? LogCheckpointObject.from(found) : null;
});

const proof = (treeSize: number, hashes: Buffer[]) =>
  Object.assign(new LogProofObject(), { treeSize, hashes: hashes.map((h) => h.toString('base64')) });

/** The entries about one subject (a notice's number), in log order, batched per request. */
async function entriesAbout(ctx: Context, subject: string): Promise<LogEntryObject[]> {
  const rows = await ctx.loaders.childrenOf(LogEntry, 'subject', { idx: 'asc' }).load(subject);
  return rows.map((r) => LogEntryObject.from({ index: Number(r.idx), kind: r.kind, subject: r.subject, body: r.body }));
}

@Resolver(() => DisclosureLogObject)
export class DisclosureLogResolver {
  @Query(() => DisclosureLogObject, {
    description:
      'The disclosure log: its latest signed checkpoint, its entries and the proofs that tie them together (also published as static files under /log/).',
  })
  disclosureLog(@Ctx() ctx: Context): DisclosureLogObject {
    return Object.assign(new DisclosureLogObject(), { origin: ctx.log.origin, verifierKey: ctx.log.verifierKey() });
  }

  @FieldResolver(() => LogCheckpointObject, {
    description: 'The latest checkpoint, signed within a second of the last entry.',
  })
  async checkpoint(@Ctx() ctx: Context): Promise<LogCheckpointObject> {
    return LogCheckpointObject.from(await ctx.log.checkpoint());
  }

  @FieldResolver(() => LogCheckpointObject, {
    nullable: true,
    description: 'The checkpoint the log signed at this size (null if it signed none): every one is kept.',
  })
  async checkpointOfSize(
    @Ctx() ctx: Context,
    @Arg('size', () => Int, { description: 'A tree size the log signed.' }) size: number,
  ): Promise<LogCheckpointObject | null> {
    const found = await ctx.log.checkpointOfSize(size);
    return found ? LogCheckpointObject.from(found) : null;
  }

  @FieldResolver(() => LogProofObject, {
    complexity: 10,
    description:
      'The consistency proof from the tree of `from` entries to the tree of `to` (default: the latest checkpoint): that the smaller is a prefix of the larger, nothing removed or rewritten.',
  })
  async consistency(
    @Ctx() ctx: Context,
    @Arg('from', () => Int, { description: 'The smaller tree size (a checkpoint you hold).' }) from: number,
    @Arg('to', () => Int, { nullable: true, description: 'The larger tree size (default: the latest checkpoint).' })
    to?: number | null,
  ): Promise<LogProofObject> {
    const latest = (await ctx.log.checkpoint()).size;
    const second = to ?? latest;
    if (second < 0 || second > latest)
      throw inputError('to', `must be a tree size from 0 to ${latest}, the latest checkpoint`);
    if (from < 0 || from > second) throw inputError('from', `must be a tree size from 0 to ${second}`);
    return proof(second, await ctx.log.consistencyProof(from, second));
  }

  @FieldResolver(() => [LogEntryObject], {
    complexity: ({ args }) => 1 + Math.min(Number(args.first ?? 100), 1000),
    description: 'Entries from index `from`, in log order (at most `first`, default 100, most 1,000).',
  })
  async entries(
    @Ctx() ctx: Context,
    @Arg('from', () => Int, { description: 'The index of the first entry.' }) from: number,
    @Arg('first', () => Int, { nullable: true, description: 'How many entries (default 100, most 1,000).' })
    first?: number | null,
  ): Promise<LogEntryObject[]> {
    const count = first ?? 100;
    if (from < 0) throw inputError('from', 'must be an index ≥ 0');
    if (count < 0 || count > 1000) throw inputError('first', 'must be from 0 to 1000');
    return (await readEntries(ctx.em, from, count)).map(LogEntryObject.from);
  }
}

@Resolver(() => LogCheckpointObject)
export class LogCheckpointResolver {
  @FieldResolver(() => [LogCosignatureObject], {
    description: 'The witnesses that cosigned it, oldest first.',
  })
  async cosignatures(@Root() c: LogCheckpointObject, @Ctx() ctx: Context): Promise<LogCosignatureObject[]> {
    return (await ctx.log.cosignatures(c.size)).map((s) =>
      Object.assign(new LogCosignatureObject(), {
        witness: s.witnessKey.split('+')[0],
        witnessKey: s.witnessKey,
        cosignedAt: new Date(s.cosignedAt * 1000),
        line: s.line,
      }),
    );
  }
}

@Resolver(() => LogEntryObject)
export class LogEntryResolver {
  @FieldResolver(() => LogProofObject, {
    nullable: true,
    complexity: 10,
    description:
      'Its inclusion proof in the tree of `treeSize` entries (default: the latest checkpoint); null while the entry is newer than that tree.',
  })
  async inclusion(
    @Root() e: LogEntryObject,
    @Ctx() ctx: Context,
    @Arg('treeSize', () => Int, {
      nullable: true,
      description: 'The size of the tree to prove inclusion in (default: the latest checkpoint).',
    })
    treeSize?: number | null,
  ): Promise<LogProofObject | null> {
    const latest = (await ctx.log.checkpoint()).size;
    const size = treeSize ?? latest;
    if (size < 1 || size > latest)
      throw inputError('treeSize', `must be a tree size from 1 to ${latest}, the latest checkpoint`);
    if (e.index >= size) return null;
    return proof(size, await ctx.log.inclusionProof(e.index, size));
  }
}

@Resolver(() => SubsidyNoticeObject)
export class NoticeLogResolver {
  @FieldResolver(() => [LogEntryObject], {
    description:
      'Its entries in the disclosure log, in log order: each revision published, the withdrawal, each objection recorded and decided.',
  })
  logEntries(@Root() n: SubsidyNoticeObject, @Ctx() ctx: Context): Promise<LogEntryObject[]> {
    return entriesAbout(ctx, n.number);
  }
}

@Resolver(() => SubsidyNoticeRevisionObject)
export class RevisionLogResolver {
  @FieldResolver(() => LogEntryObject, {
    nullable: true,
    description:
      'The log entry of its publication, holding its `sha256` (null only for a revision published before the log began).',
  })
  async logEntry(
    @Root() r: SubsidyNoticeRevisionObject & { notice: Row<SubsidyNotice> },
    @Ctx() ctx: Context,
  ): Promise<LogEntryObject | null> {
    const entries = await entriesAbout(ctx, r.notice.number);
    return (
      entries.find((e) => {
        if (e.kind !== 'notice.revision') return false;
        const body = JSON.parse(e.body) as { revision: number; sha256: string };
        return body.revision === r.revision && body.sha256 === r.sha256;
      }) ?? null
    );
  }
}
