/**
 * The disclosure log (issue 17): every public notice event is an entry, appended in its write's
 * transaction; the checkpoint, tiles and entry bundles served under /log verify with a reader
 * written here from the C2SP specifications and RFC 6962 alone (no project code), and the
 * proofs the API computes verify against the checkpoint.
 */
import 'reflect-metadata';
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeCreditCode } from '../src/common/credit-code';
import { dateColumn } from '../src/common/dates';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { appendToLog, logSize } from '../src/db/log-store';
import { findRows } from '../src/db/rows';
import { openOrm } from '../src/db/orm';
import { SERVER_WRITER } from '../src/publishers/writer';
import { AnnualTarget } from '../src/targets/annual-target.entity';
import { putTarget } from '../src/targets/target-writes';
import { noticeWithdrawalEvent } from '../src/log/log-entries';
import { DisclosureLog, RESIGN_AFTER_MS } from '../src/log/disclosure-log';
import { verifyConsistency, verifyInclusion } from '../src/log/merkle';
import { generateSigner, signerKey } from '../src/log/signed-note';
import { PUBLISH, line, notice, withPublishing } from './publishing-helpers';

const ORIGIN = 'catalogue.test/log';
const { env, keys, as, em, count } = withPublishing({
  search: false,
  env: { LOG_ORIGIN: ORIGIN, LOG_SIGNING_KEY: signerKey(generateSigner(ORIGIN)) },
});

// ---- An independent reader, from the specifications (C2SP signed-note, tlog-checkpoint,
// tlog-tiles; RFC 6962 §2.1), sharing no code with the API. ----
const sha256 = (...parts: Buffer[]) => crypto.createHash('sha256').update(Buffer.concat(parts)).digest();
const mth = (hashes: Buffer[]): Buffer => {
  if (hashes.length === 0) return sha256();
  if (hashes.length === 1) return hashes[0];
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return sha256(Buffer.from([1]), mth(hashes.slice(0, k)), mth(hashes.slice(k)));
};
const indexPath = (n: number) => {
  const s = String(n).padStart(3 * Math.max(1, Math.ceil(String(n).length / 3)), '0');
  const groups = s.match(/.{3}/g)!;
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
};

/** RFC 9162 §2.1.3.2, written out from the RFC. */
function rfcVerifyInclusion(leaf: Buffer, index: number, size: number, path: Buffer[], root: Buffer): boolean {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = sha256(Buffer.from([1]), p, r);
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else r = sha256(Buffer.from([1]), r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** Verifies the checkpoint note with the verifier key and returns its size and root. */
function readCheckpoint(note: string, vkey: string): { size: number; root: Buffer; text: string } {
  const [name, hex, b64] = [vkey.split('+')[0], vkey.split('+')[1], vkey.split('+').slice(2).join('+')];
  const raw = Buffer.from(b64, 'base64');
  expect(raw[0]).toBe(0x01);
  const publicKey = raw.subarray(1);
  const id = sha256(Buffer.from(`${name}\n`), Buffer.from([0x01]), publicKey).subarray(0, 4);
  expect(id.toString('hex')).toBe(hex);
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const sig = note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean)
    .map((l) => /^— (\S+) (\S+)$/u.exec(l)!)
    .find((m) => m[1] === name && Buffer.from(m[2], 'base64').subarray(0, 4).equals(id));
  expect(sig, 'a signature by the log key').toBeTruthy();
  const key = crypto.createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
    format: 'jwk',
  });
  expect(crypto.verify(null, Buffer.from(text), key, Buffer.from(sig![2], 'base64').subarray(4))).toBe(true);
  const [origin, size, root] = text.split('\n');
  expect(origin).toBe(ORIGIN);
  return { size: Number(size), root: Buffer.from(root, 'base64'), text };
}

async function get(path: string): Promise<{ status: number; body: Buffer; headers: Record<string, string> }> {
  const res = await env.api.http
    .get(path)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { status: res.status, body: res.body as Buffer, headers: res.headers as Record<string, string> };
}

/** Every entry of a tree of `size`, from the entry bundles, checked against the level-0 tiles; and the root from the tiles. */
async function readLog(size: number): Promise<{ entries: string[]; root: Buffer }> {
  const entries: string[] = [];
  const leaves: Buffer[] = [];
  for (let n = 0; n * 256 < size; n++) {
    const width = Math.min(256, size - n * 256);
    const suffix = width < 256 ? `.p/${width}` : '';
    const bundle = await get(`/log/tile/entries/${indexPath(n)}${suffix}`);
    const tile = await get(`/log/tile/0/${indexPath(n)}${suffix}`);
    expect([bundle.status, tile.status]).toEqual([200, 200]);
    expect(tile.body.length).toBe(32 * width);
    for (let at = 0, i = 0; at < bundle.body.length; i++) {
      const length = bundle.body.readUInt16BE(at);
      const entry = bundle.body.subarray(at + 2, at + 2 + length);
      at += 2 + length;
      const leaf = sha256(Buffer.from([0]), entry);
      expect(leaf.equals(tile.body.subarray(32 * i, 32 * i + 32)), `entry ${n * 256 + i} hashes to its tile`).toBe(
        true,
      );
      entries.push(entry.toString('utf8'));
      leaves.push(leaf);
    }
  }
  expect(entries.length).toBe(size);
  // Level 1: each hash is the root of a full level-0 tile.
  for (let n = 0; (n + 1) * 256 <= size; n += 256) {
    const width = Math.min(256, Math.floor(size / 256) - n);
    const tile = await get(`/log/tile/1/${indexPath(n / 256)}${width < 256 ? `.p/${width}` : ''}`);
    for (let i = 0; i < width; i++)
      expect(tile.body.subarray(32 * i, 32 * i + 32).equals(mth(leaves.slice((n + i) * 256, (n + i + 1) * 256)))).toBe(
        true,
      );
  }
  return { entries, root: mth(leaves) };
}

let vkey: string;
beforeAll(async () => {
  vkey = (await get('/log/key')).body.toString('utf8').trim();
});

describe('the disclosure log of the demo data', () => {
  it('serves a signed checkpoint whose root is the root of its tiles, every entry in its bundle', async () => {
    const res = await get('/log/checkpoint');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const cp = readCheckpoint(res.body.toString('utf8'), vkey);
    expect(cp.size).toBe(await logSize(em()));
    const { entries, root } = await readLog(cp.size);
    expect(root.equals(cp.root)).toBe(true);
    // Every revision, withdrawal and objection event of the demo, in the order they happened.
    const revisions = await count('subsidy_notice_revision');
    const withdrawals = Number(
      (
        (await em()
          .getConnection()
          .execute('select count(*) as n from subsidy_notice where withdrawn_on is not null')) as { n: number }[]
      )[0].n,
    );
    const objections = await count('subsidy_objection');
    const decided = Number(
      (
        (await em()
          .getConnection()
          .execute('select count(*) as n from subsidy_objection where decided_on is not null')) as { n: number }[]
      )[0].n,
    );
    const standing = Number(
      (
        (await em()
          .getConnection()
          .execute(
            'select (select count(*) from blacklisting) + (select count(*) from institution where licence_revoked_on is not null) as n',
          )) as { n: number }[]
      )[0].n,
    );
    expect(standing).toBeGreaterThan(0);
    const directoryRows = (await em()
      .getConnection()
      .execute('select edition_year, effective_to from directory_entry')) as {
      edition_year: number;
      effective_to: unknown;
    }[];
    const ended = directoryRows.filter(
      (e) => e.effective_to && dateColumn(e.effective_to) < `${e.edition_year}-12-31`,
    ).length;
    const directory = (await count('directory_edition')) + directoryRows.length + ended;
    const targets = await count('annual_target');
    expect(cp.size).toBe(revisions + withdrawals + objections + decided + standing + directory + targets);
    const kinds = new Set(entries.map((e) => JSON.parse(e).kind));
    expect([...kinds].sort()).toEqual([
      'directory.edition',
      'directory.entry-added',
      ...(ended ? ['directory.entry-ended'] : []),
      'institution.blacklisted',
      'institution.licence-revocation',
      'notice.revision',
      'notice.withdrawal',
      'objection.decided',
      'objection.recorded',
      'target.figure',
    ]);
    const days = entries.map((e) => JSON.parse(e).at as string);
    expect([...days].sort()).toEqual(days);
  });

  it('holds each revision with the hash the notice publishes', async () => {
    const rows = (await em()
      .getConnection()
      .execute(
        'select n.number, r.revision, r.sha256 from subsidy_notice_revision r join subsidy_notice n on n.id = r.notice_id order by r.id limit 50',
      )) as { number: string; revision: number; sha256: string }[];
    const logged = (await em()
      .getConnection()
      .execute(`select subject, body from log_entry where kind = 'notice.revision'`)) as {
      subject: string;
      body: string;
    }[];
    const bySubject = new Map<string, string[]>();
    for (const e of logged) bySubject.set(e.subject, [...(bySubject.get(e.subject) ?? []), e.body]);
    for (const r of rows) {
      const bodies = (bySubject.get(r.number) ?? []).map((b) => JSON.parse(b));
      expect(bodies.find((b) => b.revision === Number(r.revision))?.sha256, `${r.number} r${r.revision}`).toBe(
        r.sha256,
      );
    }
  });

  it('gives inclusion and consistency proofs that verify against its checkpoints', async () => {
    const log = new DisclosureLog(env.api.orm, env.api.config.log);
    const cp = readCheckpoint((await get('/log/checkpoint')).body.toString('utf8'), vkey);
    const leaves = (await em()
      .getConnection()
      .execute('select idx, leaf_hash from log_entry where idx in (0, 1, 255, 256, ?) order by idx', [
        cp.size - 1,
      ])) as {
      idx: number;
      leaf_hash: Buffer;
    }[];
    for (const l of leaves) {
      const proof = await log.inclusionProof(Number(l.idx), cp.size);
      expect(verifyInclusion(Buffer.from(l.leaf_hash), Number(l.idx), cp.size, proof, cp.root)).toBe(true);
    }
    const older = await get(`/log/checkpoints/${cp.size}`);
    expect(older.status).toBe(200);
    expect(older.body.toString('utf8')).toBe((await get('/log/checkpoint')).body.toString('utf8'));
    expect((await get('/log/checkpoints/1')).status).toBe(404);
    expect(verifyConsistency(cp.size, cp.size, await log.consistencyProof(cp.size, cp.size), cp.root, cp.root)).toBe(
      true,
    );
  });

  it('signs its latest checkpoint again when the signature is an hour old, though the log has not grown', async () => {
    const log = new DisclosureLog(env.api.orm, env.api.config.log);
    const before = await log.checkpoint();
    const hoursAgo = new Date(Date.now() - RESIGN_AFTER_MS - 60_000);
    await em()
      .getConnection()
      .execute('update log_checkpoint set signed_at = ? where size = ?', [
        env.api.config.database.kind === 'postgresql' ? hoursAgo : hoursAgo.getTime(),
        before.size,
      ]);
    const started = Date.now();
    // Past the hour: signed again, the same note (Ed25519 is deterministic), a new time.
    const { signedAt, ...again } = await log.checkpoint();
    const { signedAt: _, ...same } = before;
    expect(again).toEqual(same);
    expect(signedAt.getTime()).toBeGreaterThanOrEqual(started - 1);
    expect((await get('/log/checkpoint')).body.toString('utf8')).toBe(before.note);
  });

  it('answers 404 naming the layout for a tile it does not hold or a malformed path', async () => {
    const beyond = await get('/log/tile/0/x999/999');
    expect(beyond.status).toBe(404);
    const bad = await get('/log/tile/0/12');
    expect(bad.status).toBe(404);
    expect(bad.body.toString('utf8')).toMatch(/tlog-tiles/);
  });
});

describe('the log through GraphQL', () => {
  it('gives each revision its entry and an inclusion proof in the latest checkpoint that an RFC 9162 verifier accepts', async () => {
    const [{ number }] = (await em()
      .getConnection()
      .execute('select n.number from subsidy_notice n where n.revision = 2 limit 1')) as { number: string }[];
    const body = await env.api.gql(
      `query($n: String!) {
        subsidyNotice(number: $n) {
          id
          revisions { revision sha256 logEntry { index body inclusion { treeSize hashes } } }
          logEntries { index kind }
        }
        disclosureLog { origin verifierKey checkpoint { size rootHash note } }
      }`,
      { n: number },
    );
    expect(body.errors).toBeUndefined();
    const { subsidyNotice: n, disclosureLog: log } = body.data;
    expect(log.origin).toBe(ORIGIN);
    expect(log.verifierKey).toBe(vkey);
    const cp = readCheckpoint(log.checkpoint.note, vkey);
    expect(n.revisions).toHaveLength(2);
    for (const r of n.revisions) {
      const entry = r.logEntry;
      expect(JSON.parse(entry.body)).toMatchObject({
        kind: 'notice.revision',
        notice: number,
        revision: r.revision,
        sha256: r.sha256,
      });
      expect(entry.inclusion.treeSize).toBe(cp.size);
      const leaf = sha256(Buffer.from([0]), Buffer.from(entry.body, 'utf8'));
      const path = entry.inclusion.hashes.map((h: string) => Buffer.from(h, 'base64'));
      expect(rfcVerifyInclusion(leaf, entry.index, cp.size, path, cp.root)).toBe(true);
      expect(rfcVerifyInclusion(leaf, entry.index + 1, cp.size, path, cp.root)).toBe(false);
    }
    expect(n.logEntries.map((e: { kind: string }) => e.kind).slice(0, 2)).toEqual([
      'notice.revision',
      'notice.revision',
    ]);
    // The JSON download carries the same entries, each with its proof against the checkpoint it names.
    const download = JSON.parse((await get(`/downloads/notices/${n.id}.json`)).body.toString('utf8'));
    const carried = download.disclosureLog;
    expect(carried.origin).toBe(ORIGIN);
    expect(carried.entries.map((e: { index: number }) => e.index)).toEqual(
      n.logEntries.map((e: { index: number }) => e.index),
    );
    const root = Buffer.from(carried.checkpoint.rootHash, 'base64');
    for (const e of carried.entries) {
      const leaf = sha256(Buffer.from([0]), Buffer.from(e.body, 'utf8'));
      const path = e.inclusionProof.map((h: string) => Buffer.from(h, 'base64'));
      expect(rfcVerifyInclusion(leaf, e.index, carried.checkpoint.size, path, root)).toBe(true);
    }
    expect(readCheckpoint(carried.checkpoint.note, vkey).root.equals(root)).toBe(true);
  });

  it('refuses a proof for a tree larger than the latest checkpoint, naming the argument', async () => {
    const body = await env.api.gql('{ disclosureLog { consistency(from: 0, to: 999999999) { hashes } } }');
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});

describe('writes and the log', () => {
  const number = '（测试）五华人社培公〔2026〕第71号';

  it('logs a publication, a correction, an objection and its decision and a withdrawal, each with its write', async () => {
    const before = readCheckpoint((await get('/log/checkpoint')).body.toString('utf8'), vkey);
    const published = await as(keys.wuhua, PUBLISH, notice(number, '530102'));
    expect(published.body.data.publishNotice.problems).toEqual([]);
    const corrected = await as(
      keys.wuhua,
      `mutation($input: CorrectNoticeInput!) { correctNotice(input: $input) { notice { revisions { sha256 } } problems { rule } } }`,
      {
        input: {
          number,
          publishedOn: '2026-11-17',
          reason: '第3行补贴金额录入有误',
          lines: [line(0), line(1), line(2, { amount: 1000 })],
        },
      },
    );
    const revisions = corrected.body.data.correctNotice.notice.revisions as { sha256: string }[];
    const objection = await as(
      keys.wuhua,
      'mutation($input: RecordObjectionInput!) { recordObjection(input: $input) { objection { id } problems { rule } } }',
      { input: { number, receivedOn: '2026-11-18', lineSeq: 2, summary: '反映该学员实际未参加培训' } },
    );
    await as(
      keys.wuhua,
      'mutation($input: DecideObjectionInput!) { decideObjection(input: $input) { problems { rule } } }',
      {
        input: {
          objection: objection.body.data.recordObjection.objection.id,
          status: 'REJECTED',
          decidedOn: '2026-11-20',
          outcome: '经查不属实',
        },
      },
    );
    await as(
      keys.wuhua,
      'mutation { withdrawNotice(number: "（测试）五华人社培公〔2026〕第71号", on: "2026-11-21", reason: "名单有误，核实后重新公示") { problems { rule } } }',
    );
    const after = readCheckpoint((await get('/log/checkpoint')).body.toString('utf8'), vkey);
    expect(after.size).toBe(before.size + 5);
    const { entries, root } = await readLog(after.size);
    expect(root.equals(after.root)).toBe(true);
    const mine = entries.slice(before.size).map((e) => JSON.parse(e));
    expect(mine.map((e) => e.kind)).toEqual([
      'notice.revision',
      'notice.revision',
      'objection.recorded',
      'objection.decided',
      'notice.withdrawal',
    ]);
    expect(mine.map((e) => e.sha256).slice(0, 2)).toEqual(revisions.map((r) => r.sha256));
    expect(mine.every((e) => e.notice === number)).toBe(true);
    // No personal data: the objection's text is bound by its hash, the lines by the revision's.
    expect(JSON.stringify(mine)).not.toMatch(/李建国|530102199001011234|未参加培训/);
    const log = new DisclosureLog(env.api.orm, env.api.config.log);
    const proof = await log.consistencyProof(before.size, after.size);
    expect(verifyConsistency(before.size, after.size, proof, before.root, after.root)).toBe(true);
  });

  it('logs a blacklisting and its lifting with the decision documents', async () => {
    const created = await as(
      keys.wuhua,
      `mutation($input: InstitutionInput!) { createInstitution(input: $input) { institution { id } problems { rule } } }`,
      {
        input: {
          name: '昆明市五华区日志测试职业技能培训学校',
          type: 'PRIVATE_TRAINING_INSTITUTION',
          creditCode: completeCreditCode('52530102MJ0000088'),
          region: '530102',
          scope: ['4-10-01-05'],
        },
      },
    );
    const id = created.body.data.createInstitution.institution.id;
    const size = await logSize(em());
    await as(
      keys.wuhua,
      `mutation($id: ID!) { blacklistInstitution(institution: $id, from: "2026-11-20", document: "五华人社发〔2026〕88号", reason: "虚报培训人数，骗取补贴资金") { problems { rule } } }`,
      { id },
    );
    await as(
      keys.wuhua,
      `mutation($id: ID!) { liftBlacklisting(institution: $id, on: "2026-11-21", document: "五华人社发〔2026〕89号", reason: "整改到位，经复核提前移出") { problems { rule } } }`,
      { id },
    );
    const added = (await em()
      .getConnection()
      .execute('select kind, subject, body from log_entry where idx >= ? order by idx', [size])) as {
      kind: string;
      subject: string;
      body: string;
    }[];
    expect(added.map((e) => e.kind)).toEqual(['institution.blacklisted', 'institution.blacklisting-lifted']);
    expect(added.every((e) => e.subject === completeCreditCode('52530102MJ0000088'))).toBe(true);
    expect(JSON.parse(added[0].body)).toMatchObject({
      from: '2026-11-20',
      until: '2029-11-20',
      document: '五华人社发〔2026〕88号',
    });
    expect(JSON.parse(added[1].body)).toMatchObject({
      from: '2026-11-20',
      on: '2026-11-21',
      document: '五华人社发〔2026〕89号',
    });
  });

  it('logs every figure of the 2022 annex tables as loaded, and a correction with the value it replaced', async () => {
    const logged = (await em()
      .getConnection()
      .execute(`select subject, body from log_entry where kind = 'target.figure' order by idx`)) as {
      subject: string;
      body: string;
    }[];
    const targets = await findRows(em(), AnnualTarget, {});
    expect(logged.length).toBe(targets.length);
    const kunming = targets.find((t) => t.unitName === '昆明市' && !t.isTotal)!;
    const key = `${kunming.year}|${kunming.table}|昆明市|${kunming.region ?? ''}|${kunming.metric}`;
    expect(JSON.parse(logged.find((e) => e.subject === key)!.body)).toMatchObject({
      value: kunming.value,
      unit: kunming.unit,
      previousValue: null,
      source: kunming.source,
    });
    const size = await logSize(em());
    const { id, persons: _, ...draft } = kunming;
    const corrected = await putTarget(
      em() as SqlEntityManager,
      SERVER_WRITER,
      { ...draft, region: draft.region ?? null, institution: draft.institution ?? null, value: '9.9' },
      id,
    );
    expect(corrected.ok).toBe(true);
    const [entry] = (await em()
      .getConnection()
      .execute('select subject, body from log_entry where idx >= ?', [size])) as { subject: string; body: string }[];
    expect(entry.subject).toBe(key);
    expect(JSON.parse(entry.body)).toMatchObject({ kind: 'target.figure', value: '9.9', previousValue: kunming.value });
  });

  it('keeps no entry of a write that rolls back, and none appended outside a transaction', async () => {
    const size = await logSize(em());
    await expect(
      env.api.orm.em.fork().transactional(async (tx) => {
        await appendToLog(tx, [
          noticeWithdrawalEvent({ notice: 'x', withdrawnOn: '2026-11-21', reason: 'r', at: new Date() }),
        ]);
        throw new Error('the write failed after its entry');
      }),
    ).rejects.toThrow('the write failed');
    expect(await logSize(em())).toBe(size);
    await expect(
      appendToLog(em(), [
        noticeWithdrawalEvent({ notice: 'x', withdrawnOn: '2026-11-21', reason: 'r', at: new Date() }),
      ]),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('two API replicas signing at once keep one checkpoint of each size, the same bytes', async () => {
    // A second replica: its own connection pool on the same database, the same key.
    const other = await openOrm(env.api.config.database);
    try {
      const a = new DisclosureLog(env.api.orm, env.api.config.log);
      const b = new DisclosureLog(other, env.api.config.log);
      await env.api.orm.em
        .fork()
        .transactional((tx) =>
          appendToLog(tx, [
            noticeWithdrawalEvent({ notice: '复本签名测试', withdrawnOn: '2026-11-21', reason: 'r', at: new Date() }),
          ]),
        );
      const [x, y] = await Promise.all([a.checkpoint(), b.checkpoint()]);
      expect(x.size).toBe(await logSize(em()));
      expect(y.size).toBe(x.size);
      expect(y.note).toBe(x.note);
      const rows = await em()
        .getConnection()
        .execute('select count(*) as n from log_checkpoint where size = ?', [x.size]);
      expect(Number((rows[0] as { n: unknown }).n)).toBe(1);
    } finally {
      await other.close(true);
    }
  });
});
