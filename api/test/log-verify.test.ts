/**
 * `npm run log:verify` (tools/log-verify.mjs, the one-file verifier) against a running API:
 * it passes on an honest log, keeps the checkpoint it checked, and catches each attack of issue
 * 17: a tile with one byte changed, a checkpoint signed with another key, a rollback signed with
 * the log's own key, another history of the same size, an old revision rewritten with its
 * stored hash made consistent, and a notice deleted whole.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config';
import { databaseTree } from '../src/db/log-store';
import { treeRoot } from '../src/log/merkle';
import { checkpointText, generateSigner, parseSignerKey, signNote, signerKey } from '../src/log/signed-note';
import { type DishonestProxy, dishonestProxy, listen, runNode } from './log-helpers';
import { PUBLISH, notice, withPublishing } from './publishing-helpers';

const ORIGIN = 'catalogue.test/log';
const KEY = signerKey(generateSigner(ORIGIN));
const { env, keys, as, em } = withPublishing({ search: false, env: { LOG_ORIGIN: ORIGIN, LOG_SIGNING_KEY: KEY } });
const VERIFIER = path.join(REPO_ROOT, 'tools', 'log-verify.mjs');

let proxy: DishonestProxy;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-verify-'));

beforeAll(async () => {
  proxy = await dishonestProxy(env.api);
});

afterAll(async () => {
  await proxy?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the verifier through the proxy; its exit code and output. */
const verify = (state: string, ...args: string[]) =>
  runNode(VERIFIER, ['--url', proxy.url, '--state', path.join(dir, state), ...args]);

const copyState = (from: string, to: string) => fs.copyFileSync(path.join(dir, from), path.join(dir, to));
const sql = (text: string, params: unknown[] = []) => em().getConnection().execute(text, params);

describe('log:verify', () => {
  it('passes on the honest log, trusting the key on first use, and again after a publication', async () => {
    const first = await verify('honest.json');
    expect(first.out).toMatch(/trusting the key/);
    expect(first.out).toMatch(/holds: \d+ entries/);
    expect(first.code).toBe(0);
    copyState('honest.json', 'before-publication.json');
    const published = await as(keys.wuhua, PUBLISH, notice('（测试）五华人社培公〔2026〕第81号', '530102'));
    expect(published.body.data.publishNotice.problems).toEqual([]);
    const second = await verify('honest.json');
    expect(second.out).toMatch(/consistent with the \d+ checked before/);
    expect(second.code).toBe(0);
  });

  it('says how to name the API when none answers at the address given', async () => {
    // What a site served apart from its API (npm start's site server) answers a POST to /graphql.
    const site = http.createServer((_req, res) => {
      res.writeHead(405, { 'content-type': 'text/html; charset=utf-8', allow: 'GET, HEAD' });
      res.end('<p>Pages are read with GET or HEAD.</p>');
    });
    const siteUrl = await listen(site);
    try {
      const run = await verify('no-api.json', '--api', `${siteUrl}/graphql`);
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/no GraphQL API answers at .*\/graphql \(HTTP 405\).*--api URL.*--no-api/);
      const files = await verify('no-api.json', '--no-api');
      expect(files.code).toBe(0);
    } finally {
      site.close();
    }
  });

  it('fails when one byte of a tile or of an entry bundle is changed', async () => {
    copyState('honest.json', 'tile.json');
    proxy.change = (url, body) => {
      if (url === '/log/tile/0/000') body[40] ^= 1;
      return body;
    };
    const tile = await verify('tile.json');
    proxy.change = (url, body) => {
      if (url === '/log/tile/entries/001') body[100] ^= 1;
      return body;
    };
    const bundle = await verify('tile.json');
    proxy.change = null;
    expect([tile.code, bundle.code]).toEqual([1, 1]);
    expect(tile.out).toMatch(/entry 1 does not hash to its leaf in tile\/0\/000/);
    expect(bundle.out).toMatch(/entry 2\d\d does not hash to its leaf in tile\/0\/001/);
  });

  it('fails on a checkpoint signed with another key', async () => {
    const other = generateSigner(ORIGIN);
    proxy.change = (url, body) => {
      if (url !== '/log/checkpoint') return body;
      const text = body.toString('utf8').slice(0, body.toString('utf8').lastIndexOf('\n\n') + 1);
      return Buffer.from(signNote(text, other));
    };
    const run = await verify('honest.json', '--no-api');
    proxy.change = null;
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/not signed by catalogue\.test\/log with the expected key/);
  });

  it('fails on a rollback signed with the log key, and on another history of the size it checked', async () => {
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'honest.json'), 'utf8'));
    const smaller = state.size - 3;
    const root = await treeRoot(databaseTree(em()), smaller);
    const rolledBack = signNote(checkpointText({ origin: ORIGIN, size: smaller, root }), parseSignerKey(KEY));
    proxy.change = (url) => (url === '/log/checkpoint' ? Buffer.from(rolledBack) : null);
    const rollback = await verify('honest.json', '--no-api');
    proxy.change = null;
    expect(rollback.code).toBe(1);
    expect(rollback.out).toMatch(/the log shrank/);
    // A reader shown another history of that size before: this one is not consistent with it.
    fs.writeFileSync(
      path.join(dir, 'other-view.json'),
      JSON.stringify({ ...state, root: Buffer.alloc(32, 9).toString('base64') }),
    );
    const split = await verify('other-view.json', '--no-api');
    expect(split.code).toBe(1);
    expect(split.out).toMatch(/no longer have the root checked last time/);
  });

  it('fails naming a revision rewritten with its stored hash made consistent, and a notice deleted whole', async () => {
    const [rev] = (await sql(
      `select n.id, n.number, r.revision from subsidy_notice_revision r join subsidy_notice n on n.id = r.notice_id
        where r.revision = 1 and n.revision = 1 order by n.id limit 1`,
    )) as { id: number; number: string; revision: number }[];
    await sql('update subsidy_notice_line set amount = amount + 100 where notice_id = ? and seq = 1', [rev.id]);
    await sql(`update subsidy_notice_revision set sha256 = ? where notice_id = ? and revision = 1`, [
      '0'.repeat(64),
      rev.id,
    ]);
    const [gone] = (await sql(
      `select id, number from subsidy_notice where id > ? and withdrawn_on is null order by id limit 1`,
      [rev.id],
    )) as { id: number; number: string }[];
    for (const table of ['subsidy_notice_line', 'subsidy_notice_revision', 'subsidy_objection'])
      await sql(`delete from ${table} where notice_id = ?`, [gone.id]);
    await sql('delete from subsidy_notice where id = ?', [gone.id]);
    const run = await verify('honest.json');
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      `notice ${rev.number} revision 1: the API's hash ${'0'.repeat(64)} is not the one logged`,
    );
    expect(run.out).toContain(`notice ${gone.number} is in the log`);
    expect(run.out).toContain('but the API no longer lists it');
  });
});
