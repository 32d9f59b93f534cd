import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import type { StoredCheckpoint } from '../db/log-checkpoints';
import type { StoredEntry } from '../db/log-store';
import { Node, toGlobalId } from '../graphql/node';
import { LOG_KINDS } from './log-entries';

@ObjectType('LogCheckpoint', {
  implements: Node,
  description:
    'A checkpoint the disclosure log signed (C2SP tlog-checkpoint): the size and root of its Merkle tree, in a note signed with the key at /log/key.',
})
export class LogCheckpointObject extends Node {
  @Field(() => Int, { description: 'Entries in the tree.' })
  size!: number;

  @Field({ description: 'The Merkle tree root (RFC 6962), base64, as the checkpoint writes it.' })
  rootHash!: string;

  @Field({ description: 'The signed note exactly as /log/checkpoint served it.' })
  note!: string;

  @Field(() => GraphQLDateTime, {
    description: 'When it was last signed: on reaching its size, and hourly while it is the latest.',
  })
  signedAt!: Date;

  static from(c: StoredCheckpoint): LogCheckpointObject {
    return Object.assign(new LogCheckpointObject(), {
      id: toGlobalId('LogCheckpoint', c.size),
      size: c.size,
      rootHash: c.root.toString('base64'),
      note: c.note,
      signedAt: c.signedAt,
    });
  }
}

@ObjectType('LogCosignature', {
  description:
    "A witness's cosignature of a checkpoint (C2SP tlog-cosignature): the witness checked that the checkpoint extends the last one it cosigned.",
})
export class LogCosignatureObject {
  @Field({ description: "The witness's name, as its key names it." })
  witness!: string;

  @Field({
    description: "The witness's verifier key (C2SP signed-note, type 0x04): trust the witnesses whose keys you know.",
  })
  witnessKey!: string;

  @Field(() => GraphQLDateTime, { description: 'When the witness cosigned, as it signed it.' })
  cosignedAt!: Date;

  @Field({ description: 'The cosignature line, to append to the checkpoint note.' })
  line!: string;
}

@ObjectType('LogProof', {
  description:
    'A Merkle proof (RFC 9162 §2.1.3 inclusion, §2.1.4 consistency): the hashes to combine, base64, in order.',
})
export class LogProofObject {
  @Field(() => Int, {
    description:
      'For an inclusion proof, the size of the tree it proves inclusion in; for a consistency proof, the larger size.',
  })
  treeSize!: number;

  @Field(() => [String], { description: 'The proof hashes, base64.' })
  hashes!: string[];
}

@ObjectType('LogEntry', {
  description:
    'One entry of the disclosure log: a public event (a notice revision published, a withdrawal, an objection recorded or decided, a blacklisting, a directory change, an agency draw, a target figure) as canonical JSON, at its index in the Merkle tree.',
})
export class LogEntryObject {
  @Field(() => Int, { description: 'Its index in the log, from 0: its leaf in the tree.' })
  index!: number;

  @Field({ description: `What happened: ${Object.keys(LOG_KINDS).join(', ')}.` })
  kind!: string;

  @Field({
    description:
      'The entry exactly as logged (RFC 8785 canonical JSON, UTF-8): its leaf hash is SHA-256(0x00 ‖ these bytes).',
  })
  body!: string;

  static from(e: StoredEntry): LogEntryObject {
    return Object.assign(new LogEntryObject(), { index: e.index, kind: e.kind, body: e.body });
  }
}

@ObjectType('DisclosureLog', {
  description:
    'The append-only log of every public disclosure event, signed in checkpoints and published as tiles at /log/ (C2SP tlog-tiles), so anyone can check that nothing published was removed, rewritten or shown differently to different readers.',
})
export class DisclosureLogObject {
  @Field({ description: 'The log origin: the first line of its checkpoints and the name of its key.' })
  origin!: string;

  @Field({ description: 'The verifier key of its checkpoints (C2SP signed-note), as /log/key serves it.' })
  verifierKey!: string;
}
