/**
 * Masking before storage (issue 5): raw names and resident ID numbers pushed through every
 * write and import path — the `notices:import` command, `publishNotice`, and the demo generator
 * — are found nowhere afterwards: not in any database column, search index, API answer,
 * command output or published revision JSON. A bad ID number is refused with its row and reason,
 * and nothing is written.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from '../src/common/resident-id';
import { scanDatabase, scanSearch } from '../src/privacy/personal-data-scan';
import { parseNoticeLines } from '../src/subsidies/notice-import.rules';
import { publishNotice } from '../src/subsidies/notice-publish';
import { withSearchApi } from './helpers';

const env = withSearchApi();
const IMPORT = path.resolve(__dirname, '..', 'dist', 'cli', 'import-notice.js');
const SCAN = path.resolve(__dirname, '..', 'dist', 'cli', 'privacy-scan.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-privacy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Raw personal data that must never be stored: unusual full names (so that a hit can only be
// ours) and valid GB 11643 numbers.
const GIVEN = ['翊宸', '芷汀', '澍霖', '骁珩', '婳祎', '璟彧', '沅芷', '翮鸣', '霁堃', '湉玥'];
const people = GIVEN.map((g, i) => {
  const first17 = `5301021990${String(1 + (i % 12)).padStart(2, '0')}${String(10 + i).padStart(2, '0')}${String(100 + i * 7).padStart(3, '0')}`;
  return { name: `${i % 3 === 0 ? '欧阳' : '司马'}${g}`, id: first17 + residentIdCheckDigit(first17) };
});
const KNOWN = [...people.map((p) => p.name), ...people.map((p) => p.id), ...GIVEN];
const HEADER = '序号,姓名,身份证号码,职业（工种）编码,等级,证书编号,出勤率,补贴金额（元）';
const csvOf = (rows: typeof people) =>
  `\uFEFF${HEADER}\n${rows.map((p, i) => `${i + 1},${p.name},${p.id},4-10-01-05,五级,S2026530000009${String(i).padStart(3, '0')},${80 + i}%,1200`).join('\n')}\n`;

function cli(script: string, args: string[]) {
  const db = env.api.config.database;
  const vars = {
    ...process.env,
    DATABASE_URL: db.kind === 'postgresql' ? db.url : `sqlite:${db.file}`,
    DATA_DIR: dir,
    SEARCH: 'off',
  };
  return spawnSync(process.execPath, [script, ...args], { env: vars, encoding: 'utf8' });
}

const em = () => env.api.orm.em.fork() as SqlEntityManager;
const noticeCount = async () =>
  Number((await em().getConnection().execute('select count(*) as n from subsidy_notice'))[0].n);

describe('masking before storage', () => {
  it('refuses a file with a bad ID check digit, naming the row and the reason, and writes nothing', async () => {
    const broken = people.map((p, i) =>
      i === 3 ? { ...p, id: p.id.slice(0, 17) + (p.id[17] === '1' ? '2' : '1') } : p,
    );
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(file, csvOf(broken));
    const before = await noticeCount();
    const run = cli(IMPORT, [
      '--file',
      file,
      '--number',
      '（测试）五华人社培公〔2026〕第901号',
      '--title',
      '测试公示',
      '--bureau',
      '530102',
      '--published',
      '2026-11-16',
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /row 5, 身份证号码: line\.resident-id: not a valid resident identity number \(GB 11643-1999\): .*check/,
    );
    expect(run.stderr).toMatch(/nothing was written/);
    for (const raw of KNOWN) expect(run.stdout + run.stderr, 'command output').not.toContain(raw);
    expect(await noticeCount()).toBe(before);
  });

  it('imports through the command and publishes through the API code, masked, and nothing raw is found anywhere', async () => {
    const file = path.join(dir, 'lines.csv');
    fs.writeFileSync(file, csvOf(people.slice(0, 6)));
    const number = '（测试）五华人社培公〔2026〕第902号';
    const run = cli(IMPORT, [
      '--file',
      file,
      '--number',
      number,
      '--title',
      '关于隐私核验培训班培训补贴人员名单的公示',
      '--bureau',
      '530102',
      '--published',
      '2026-11-16',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /published .*: 6 lines, 7200 元, objections until 2026-11-20, revision 1 sha256 [0-9a-f]{64}/,
    );
    // The same path a write API takes: parse (mask) then publish.
    const parsed = parseNoticeLines(csvOf(people.slice(6)), { occupationCodes: new Set(['4-10-01-05']) });
    const published = await publishNotice(
      em(),
      {
        number: '（测试）五华人社培公〔2026〕第903号',
        title: '隐私核验公示二',
        bureau: '530102',
        publishedOn: '2026-11-17',
      },
      parsed.lines,
      { today: '2026-11-21' },
    );
    expect(published.ok).toBe(true);
    // Both notices reach search through the outbox (the worker may have taken them already).
    const worker = env.search.runtime.worker ?? env.search.runtime.watch(env.api.orm, { intervalMs: 60_000 });
    await worker.drain();
    expect(await worker.pending()).toBe(0);
    const found = await env.api.gql('{ search(index: NOTICES, query: "隐私核验", first: 10) { hits { title } } }');
    expect(found.data.search.hits.map((h: any) => h.title).sort()).toEqual([
      '关于隐私核验培训班培训补贴人员名单的公示',
      '隐私核验公示二',
    ]);

    const { data, errors } = await env.api.gql(
      `query($n: String!) { subsidyNotice(number: $n) {
      status objectionUntil lines(first: 20) { nodes { maskedName maskedId } } revisions { sha256 canonicalJson } } }`,
      { n: number },
    );
    expect(errors).toBeUndefined();
    expect(data.subsidyNotice.lines.nodes.map((l: any) => l.maskedName)).toEqual([
      '欧阳**',
      '司马**',
      '司马**',
      '欧阳**',
      '司马**',
      '司马**',
    ]);
    expect(data.subsidyNotice.lines.nodes[0].maskedId).toBe(`530102********${people[0].id.slice(14)}`);
    const answers =
      JSON.stringify(data) +
      JSON.stringify(
        await env.api.gql(
          '{ search(index: NOTICES, query: "隐私核验", first: 10) { hits { title } } subsidyNotices(first: 5) { nodes { title lines(first: 20) { nodes { maskedName maskedId } } } } }',
        ),
      );
    for (const raw of KNOWN) expect(answers, 'API answers').not.toContain(raw);

    const database = await scanDatabase(em(), KNOWN);
    expect(database.looked.rows).toBeGreaterThan(100_000);
    expect(database.findings).toEqual([]);
    const search = await scanSearch(env.search.runtime.service!, KNOWN);
    expect(search.looked.documents).toBeGreaterThan(7_000);
    expect(search.findings).toEqual([]);
    // The command an auditor runs finds nothing either.
    const knownFile = path.join(dir, 'known.txt');
    fs.writeFileSync(knownFile, KNOWN.join('\n'));
    const scan = cli(SCAN, ['--known', knownFile]);
    expect(scan.status, scan.stderr).toBe(0);
    expect(scan.stdout).toMatch(/no whole resident ID number and none of the 30 known raw values found anywhere/);
  });

  it('makes the scan fail loudly when a whole ID number is stored', async () => {
    await em()
      .getConnection()
      .execute(`update subsidy_notice set title = ? where number = ?`, [
        `测试 ${people[0].id}`,
        '（测试）五华人社培公〔2026〕第903号',
      ]);
    const scan = cli(SCAN, []);
    expect(scan.status).toBe(1);
    expect(scan.stderr).toMatch(/database subsidy_notice\.title: 1 × a whole resident ID number/);
    expect(scan.stderr).not.toContain(people[0].id);
  });
});
