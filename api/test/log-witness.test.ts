/**
 * `npm run log:witness` against a running API: it cosigns the log's checkpoint, and again once
 * the log has grown consistently; its cosignature is checked by the API, kept, served with the
 * checkpoint and listed in GraphQL. Shown a rollback signed with the log's own key, another tree
 * of the size it cosigned (a split view) or a history with two entries swapped, it refuses and
 * sends nothing. A cosignature that does not verify is refused, naming the field.
 */
import 'reflect-metadata';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config';
import { databaseTree, logSize } from '../src/db/log-store';
import { leafHash, memoryTree, treeRoot } from '../src/log/merkle';
import {
  COSIGNATURE_V1,
  checkpointText,
  cosign,
  generateSigner,
  parseNote,
  parseSignerKey,
  signNote,
  signerKey,
  verifierKey,
} from '../src/log/signed-note';
import { type DishonestProxy, dishonestProxy, runNode } from './log-helpers';
import { PUBLISH, notice, withPublishing } from './publishing-helpers';

const ORIGIN = 'catalogue.test/log';
const KEY = signerKey(generateSigner(ORIGIN));
const { env, keys, as, em } = withPublishing({ search: false, env: { LOG_ORIGIN: ORIGIN, LOG_SIGNING_KEY: KEY } });
const WITNESS = path.join(REPO_ROOT, 'api', 'dist', 'cli', 'log-witness.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-witness-'));

let apiUrl: string;
let proxy: DishonestProxy;
/** What the dishonest proxy answers instead, by path; everything else passes through. */
let forged: Record<string, Buffer> = {};

beforeAll(async () => {
  proxy = await dishonestProxy(env.api);
  proxy.change = (url) => forged[url] ?? null;
  apiUrl = `http://127.0.0.1:${(env.api.httpServer.address() as { port: number }).port}`;
});

afterAll(async () => {
  await proxy?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const witness = (state: string) =>
  runNode(WITNESS, [
    '--url',
    proxy.url,
    '--state',
    path.join(dir, state),
    '--key',
    path.join(dir, 'witness.key'),
    '--name',
    'witness.test/w1',
  ]);

const cosignatureCount = async () =>
  Number(((await em().getConnection().execute('select count(*) as n from log_cosignature')) as { n: number }[])[0].n);

describe('log:witness', () => {
  it('cosigns the checkpoint, and the next one once the log grew consistently; the API keeps and serves both', async () => {
    const first = await witness('w1');
    expect(first.out).toMatch(/made a new key/);
    expect(first.out).toMatch(/cosigned catalogue\.test\/log at \d+ entries as witness\.test\/w1/);
    expect(first.code).toBe(0);
    const published = await as(keys.wuhua, PUBLISH, notice('（测试）五华人社培公〔2026〕第91号', '530102'));
    expect(published.body.data.publishNotice.problems).toEqual([]);
    const second = await witness('w1');
    expect(second.code).toBe(0);
    const size = await logSize(em());
    expect(second.out).toContain(`at ${size} entries`);
    const served = await (await fetch(`${apiUrl}/log/checkpoint`)).text();
    const { signatures } = parseNote(served);
    expect(signatures.map((s) => s.name)).toEqual([ORIGIN, 'witness.test/w1']);
    const body = await env.api.gql(
      '{ disclosureLog { checkpoint { size cosignatures { witness witnessKey cosignedAt } } } }',
    );
    const cp = body.data.disclosureLog.checkpoint;
    expect(cp.size).toBe(size);
    expect(cp.cosignatures).toHaveLength(1);
    expect(cp.cosignatures[0].witness).toBe('witness.test/w1');
    expect(verifierKey(parseSignerKey(fs.readFileSync(path.join(dir, 'witness.key'), 'utf8')))).toBe(
      cp.cosignatures[0].witnessKey,
    );
    // The cosignature is in the feed of changes (the site rebuilds /log/), and node(id:) reads the checkpoint.
    const feed = await env.api.gql('{ recordChanges(newestFirst: true, first: 1) { nodes { recordType recordId } } }');
    const [change] = feed.data.recordChanges.nodes;
    expect(change.recordType).toBe('LOG_CHECKPOINT');
    const node = await env.api.gql('query($id: ID!) { node(id: $id) { ... on LogCheckpoint { size note } } }', {
      id: change.recordId,
    });
    expect(node.data.node.size).toBe(size);
    expect(served.startsWith(node.data.node.note)).toBe(true);
  });

  it('refuses a rollback signed with the log key, and sends nothing', async () => {
    const size = await logSize(em());
    const root = await treeRoot(databaseTree(em()), size - 2);
    forged = {
      '/log/checkpoint': Buffer.from(
        signNote(checkpointText({ origin: ORIGIN, size: size - 2, root }), parseSignerKey(KEY)),
      ),
    };
    const before = await cosignatureCount();
    const run = await witness('w1');
    forged = {};
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/refused to cosign .* the log shrank/);
    expect(await cosignatureCount()).toBe(before);
  });

  it('refuses another tree of the size it cosigned (a split view)', async () => {
    const size = await logSize(em());
    const other = signNote(checkpointText({ origin: ORIGIN, size, root: crypto.randomBytes(32) }), parseSignerKey(KEY));
    forged = { '/log/checkpoint': Buffer.from(other) };
    const run = await witness('w1');
    forged = {};
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/another tree of \d+ entries than the one cosigned before \(a split view\)/);
  });

  it('refuses a grown log whose history has two entries swapped, from its tiles', async () => {
    // The operator swaps two old entries, appends one, and serves tiles and a checkpoint to match.
    const size = await logSize(em());
    const leaves: Buffer[] = (
      (await em().getConnection().execute('select leaf_hash from log_entry order by idx')) as { leaf_hash: Buffer }[]
    ).map((r) => Buffer.from(r.leaf_hash));
    [leaves[3], leaves[4]] = [leaves[4], leaves[3]];
    leaves.push(leafHash(Buffer.from('{"kind":"notice.withdrawal"}')));
    const reader = memoryTree(leaves);
    const root = await treeRoot(reader, leaves.length);
    forged = {
      '/log/checkpoint': Buffer.from(
        signNote(checkpointText({ origin: ORIGIN, size: size + 1, root }), parseSignerKey(KEY)),
      ),
    };
    const level0 = Buffer.concat(await reader.hashes(0, 0, Math.min(256, leaves.length)));
    forged[`/log/tile/0/000${leaves.length < 256 ? `.p/${leaves.length}` : ''}`] = level0;
    for (let n = 1; n * 256 < leaves.length; n++) {
      const width = Math.min(256, leaves.length - n * 256);
      const tile = Buffer.concat(await reader.hashes(0, n * 256, width));
      forged[`/log/tile/0/${String(n).padStart(3, '0')}${width < 256 ? `.p/${width}` : ''}`] = tile;
    }
    if (leaves.length >= 256) {
      const count = Math.floor(leaves.length / 256);
      forged[`/log/tile/1/000${count < 256 ? `.p/${count}` : ''}`] = Buffer.concat(await reader.hashes(1, 0, count));
    }
    const run = await witness('w1');
    forged = {};
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/does not extend the \d+ cosigned before/);
  });

  it('refuses a cosignature that does not verify over the checkpoint, naming the field', async () => {
    const other = generateSigner('witness.test/forger', COSIGNATURE_V1);
    const size = await logSize(em());
    const line = cosign(checkpointText({ origin: ORIGIN, size, root: Buffer.alloc(32) }), other, 1_764_700_000);
    const res = await fetch(`${apiUrl}/log/cosignatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ size, witnessKey: verifierKey(other), cosignature: line }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/cosignature: must be a cosignature\/v1 line of witness\.test\/forger/);
    const logKey = await fetch(`${apiUrl}/log/cosignatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ size, witnessKey: verifierKey(parseSignerKey(KEY)), cosignature: line }),
    });
    expect(await logKey.text()).toMatch(/witnessKey: must be a cosignature\/v1 key/);
  });
});
