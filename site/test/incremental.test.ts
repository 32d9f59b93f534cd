/**
 * Incremental publishing (issue 16) as `npm start` runs it: the CLI's site builder looks at the
 * API's change feed every few seconds and rebuilds only the pages that show the changed records.
 * A notice published through the API must be on its page, the notice list and its institution's
 * page within a minute; each kind of write (a notice corrected and withdrawn, an institution
 * blacklisted, a class changed, a directory entry added) must reach every page that shows it and
 * nothing else; the pages of those incremental builds must equal a full build of the same data;
 * and a build killed halfway must leave the served pages as they were.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_DAY, gql, startCatalogue, type Catalogue } from './harness';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const API_CLI = (name: string) => path.join(ROOT, 'api', 'dist', 'cli', `${name}.js`);
const requireFromApi = createRequire(path.join(ROOT, 'api', 'package.json'));

interface Manifest {
  cursor: string | null;
  last: { kind: 'full' | 'partial'; at: string; changes: number; pages: number };
  written: string[] | null;
}

/** GB 11643 check character for 17 digits. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

describe('incremental publishing under npm start', () => {
  let catalogue: Catalogue;
  let siteDir: string;
  let env: NodeJS.ProcessEnv;
  let county: string;
  let province: string;
  const api = () => catalogue.graphql.replace(/\/graphql$/, '');

  const cli = (name: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [API_CLI(name), ...args], { env, encoding: 'utf8' });
    expect(r.status, `${name} ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const keyFor = (name: string, region: string, ...flags: string[]) => {
    const publisher = /^publisher (\d+):/m.exec(
      cli('publishers', 'create', '--name', name, '--region', region, ...flags),
    )![1];
    return /sy_[a-z0-9]{12}_[\w-]{43}/.exec(cli('publishers', 'key-create', '--publisher', publisher))![0];
  };
  const write = async (key: string, query: string, variables: Record<string, unknown>) => {
    const res = await fetch(catalogue.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, { problems: unknown[] }>; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(Object.values(body.data!)[0].problems).toEqual([]);
    return body.data!;
  };
  const manifest = (dir = siteDir): Manifest =>
    JSON.parse(fs.readFileSync(path.join(dir, '.catalogue-build.json'), 'utf8')) as Manifest;
  const page = async (p: string) => {
    const res = await fetch(`${catalogue.site}${p}`);
    return res.status === 200 ? res.text() : '';
  };
  beforeAll(async () => {
    catalogue = await startCatalogue({ SITE_REBUILD_SECONDS: '2' });
    siteDir = path.join(catalogue.dataDir, 'site');
    env = {
      ...process.env,
      DATABASE_URL: `sqlite:${path.join(catalogue.dataDir, 'catalogue.sqlite')}`,
      DATA_DIR: catalogue.dataDir,
    };
  }, 300_000);
  afterAll(async () => {
    await catalogue?.stop();
  });

  let notice: { id: string; number: string; line: Record<string, unknown> };

  /** Polls until the builder's latest build wrote `file`; its manifest. */
  const builtWith = async (file: string): Promise<Manifest> => {
    await expect.poll(() => manifest().written?.includes(file) ?? false, { timeout: 90_000, interval: 250 }).toBe(true);
    return manifest();
  };
  const onlyUnder = (m: Manifest, pattern: RegExp, what: string) => {
    for (const f of m.written ?? []) if (f.endsWith('.html')) expect(f, `${f}: ${what}`).not.toMatch(pattern);
  };

  it('publishes a notice through the API: its page, the notice list and its institution page are served with it within a minute, and nothing else was rebuilt', async () => {
    expect(manifest().last.kind).toBe('full');
    const { courses } = await gql(
      catalogue.graphql,
      '{ courses(first: 1, filter: { status: FINISHED }) { nodes { classNumber occupation { code } region { code } institution { id } } } }',
    );
    const course = courses.nodes[0];
    county = keyFor('测试县人力资源和社会保障局（增量构建测试）', course.region.code);
    province = keyFor('云南省人力资源和社会保障厅（增量构建测试）', '530000', '--admin');
    const institutionPage = `/institutions/${course.institution.id}/`;
    const before = await page(institutionPage);
    const number = '增量测试公示〔2026〕1号';
    const line = {
      seq: 1,
      name: '李建国',
      idNumber: idNumber(`${course.region.code}19900101123`),
      occupationCode: course.occupation.code,
      level: 'LEVEL_5',
      certificateNumber: 'S202653000000001',
      attendanceRate: 0.9,
      amount: 1200,
    };
    const started = Date.now();
    const published = await write(
      county,
      'mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { notice { id } problems { field rule } } }',
      {
        input: {
          number,
          title: '关于增量构建测试培训班培训补贴人员名单的公示',
          bureau: course.region.code,
          publishedOn: CATALOGUE_DAY,
          classNumber: course.classNumber,
          lines: [line],
        },
      },
    );
    notice = { id: (published.publishNotice as unknown as { notice: { id: string } }).notice.id, number, line };
    await expect
      .poll(
        async () =>
          (await page(`/notices/${notice.id}/`)).includes(number) &&
          (await page(`/en/notices/${notice.id}/`)).includes(number) &&
          (await page('/notices/')).includes(number) &&
          (await page(institutionPage)) !== before,
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `[incremental] a notice published → its page, the list and its institution's page served: ${seconds.toFixed(1)} s`,
    );
    expect(seconds).toBeLessThan(60);
    const built = await builtWith(`notices/${notice.id}.html`);
    expect(built.last.kind).toBe('partial');
    expect(built.written).toContain('notices/index.html');
    expect(built.written).toContain(`institutions/${course.institution.id}.html`);
    // The list's pages count from the oldest notice: a new one is on the newest page (and the one
    // before when it starts a page), so only those are written again, in each language.
    const listPages = (built.written ?? []).filter((f) => /^(en\/)?notices\/page\//.test(f) && f.endsWith('.html'));
    expect(listPages.length).toBeGreaterThanOrEqual(2);
    expect(listPages.length).toBeLessThanOrEqual(4);
    onlyUnder(
      built,
      /^(en\/)?(agencies|occupations|directory|courses\/page|institutions\/page)\//,
      'does not show notices',
    );
  });

  it('a correction and a withdrawal reach the notice page', async () => {
    const reason = '第1行补贴金额录入有误（增量测试）';
    await write(
      county,
      'mutation($input: CorrectNoticeInput!) { correctNotice(input: $input) { notice { revision } problems { field rule } } }',
      {
        input: { number: notice.number, publishedOn: CATALOGUE_DAY, reason, lines: [{ ...notice.line, amount: 1000 }] },
      },
    );
    await expect.poll(() => page(`/notices/${notice.id}/`), { timeout: 60_000, interval: 250 }).toContain(reason);
    await write(
      county,
      `mutation($n: String!) { withdrawNotice(number: $n, on: "${CATALOGUE_DAY}", reason: "增量测试撤回") { notice { status } problems { field rule } } }`,
      { n: notice.number },
    );
    await expect
      .poll(() => page(`/notices/${notice.id}/`), { timeout: 60_000, interval: 250 })
      .toContain('增量测试撤回');
    await expect
      .poll(() => page(`/en/notices/${notice.id}/`), { timeout: 60_000, interval: 250 })
      .toContain('增量测试撤回');
  });

  it('an institution blacklisted: its page, its classes, the blacklist (and its notices, whose flags follow)', async () => {
    const { courses } = await gql(
      catalogue.graphql,
      '{ courses(first: 1, filter: { institutionStanding: GOOD, status: PLANNED }) { nodes { id institution { id name } } } }',
    );
    const target = courses.nodes[0].institution;
    const reason = '虚报培训人数（增量测试）';
    await write(
      province,
      `mutation($i: ID!) { blacklistInstitution(institution: $i, from: "${CATALOGUE_DAY}", document: "增量测试人社发〔2026〕9号", reason: "${reason}") { institution { standing } problems { field rule } } }`,
      { i: target.id },
    );
    const course = courses.nodes[0].id;
    await expect
      .poll(
        async () =>
          (await page(`/institutions/${target.id}/`)).includes(reason) &&
          (await page(`/courses/${course}/`)).includes(reason) &&
          (await page('/institutions/blacklist/')).includes(target.name),
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    onlyUnder(
      await builtWith(`institutions/${target.id}.html`),
      /^(en\/)?(agencies|directory)\//,
      'does not show institutions',
    );
  });

  it('a class changed: its page; a directory entry added: its occupation page and the directory', async () => {
    const { courses } = await gql(
      catalogue.graphql,
      '{ courses(first: 1, filter: { enrolmentStatus: ENROLLING }) { nodes { id classNumber } } }',
    );
    const address = '昆明市五华区增量测试路 1 号';
    await write(
      province,
      'mutation($c: String!, $input: CourseChangeInput!) { changeCourse(classNumber: $c, input: $input) { course { id } problems { field rule } } }',
      { c: courses.nodes[0].classNumber, input: { address } },
    );
    await expect
      .poll(() => page(`/courses/${courses.nodes[0].id}/`), { timeout: 60_000, interval: 250 })
      .toContain(address);
    onlyUnder(
      await builtWith(`courses/${courses.nodes[0].id}.html`),
      /^(en\/)?(agencies|directory)\//,
      'does not show classes',
    );

    // An occupation with a recorded agency and a national standard, not yet in the 2026 edition.
    const Database = requireFromApi('better-sqlite3');
    const db = new Database(path.join(catalogue.dataDir, 'catalogue.sqlite'), { readonly: true });
    const pick = db
      .prepare(
        `select s.occupation_code as occupation, s.level from agency_scope s join occupation o on o.code = s.occupation_code
         where s.recorded_until is null and s.certificate_type = 'SKILL_LEVEL' and o.has_national_standard
           and not exists (select 1 from directory_entry d where d.edition_year = 2026 and d.occupation_code = s.occupation_code
                           and d.certificate_type = 'SKILL_LEVEL' and d.level = s.level)
         order by 1, 2 limit 1`,
      )
      .get() as { occupation: string; level: string };
    db.close();
    await write(
      province,
      'mutation($input: DirectoryEntryInput!) { addDirectoryEntry(input: $input) { entry { id } problems { field rule } } }',
      {
        input: {
          year: 2026,
          occupationCode: pick.occupation,
          certificateType: 'SKILL_LEVEL',
          level: pick.level,
          minHours: 200,
          subsidyPerTrainee: 2345,
          effectiveFrom: CATALOGUE_DAY,
        },
      },
    );
    await expect
      .poll(
        async () =>
          (await page(`/occupations/${pick.occupation}/`)).includes('2,345') &&
          (await page('/directory/2026/')).includes(pick.occupation),
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    onlyUnder(
      await builtWith(`occupations/${pick.occupation}.html`),
      /^(en\/)?(notices|agencies|institutions)\//,
      'does not show the directory',
    );
  });

  it("a witness's cosignature: /log/ lists the witness, and nothing else was rebuilt", async () => {
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-witness-'));
    try {
      const key = path.join(state, 'witness.key');
      cli('log-witness', '--url', api(), '--state', state, '--key', key, '--name', 'witness.test/incremental');
      await expect.poll(() => page('/log/'), { timeout: 60_000, interval: 250 }).toContain('witness.test/incremental');
      const m = await builtWith('log.html');
      // Pages with data: the 404 pages are written by every build.
      const pages = (m.written ?? []).filter((f) => f.endsWith('.html') && !/(^|\/)404\.html$/.test(f));
      expect(pages.sort()).toEqual(['en/log.html', 'log.html']);
    } finally {
      fs.rmSync(state, { recursive: true, force: true });
    }
  });

  let full: string;
  const buildInto = (dir: string, ...flags: string[]) =>
    spawnSync(process.execPath, [API_CLI('build-site'), '--api', api(), '--out', dir, ...flags], {
      // As npm start built the served pages: its day, and no SITE_URL (SITE_PORT 0 has none).
      env: { ...process.env, CATALOGUE_TODAY: CATALOGUE_DAY, SITE_URL: '' },
      encoding: 'utf8',
      timeout: 240_000,
    });
  afterAll(() => {
    if (full) fs.rmSync(full, { recursive: true, force: true });
  });

  it('the pages of these incremental builds equal a full build of the same data made in slices, byte for byte', async () => {
    // Once the builder has caught up with the feed, build every page elsewhere from the same API:
    // in slices of 1,500 classes and notices, as a large catalogue is built (the served pages
    // were first built whole, by npm start), so this also shows slices + rest = one build.
    const head = async () =>
      (await gql(catalogue.graphql, '{ recordChanges(newestFirst: true, first: 1) { pageInfo { endCursor } } }'))
        .recordChanges.pageInfo.endCursor;
    const latest = await head();
    await expect.poll(() => manifest().cursor, { timeout: 90_000, interval: 250 }).toBe(latest);
    full = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-full-'));
    const r = buildInto(path.join(full, 'site'), '--full', '--slice', '1500');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/slice 4 of 4 \(\d+ classes, \d+ notices\) built in/);
    expect(r.stdout).toMatch(/the rest \(lists, aggregates, other pages\) built in/);
    // Nothing of the slices is left beside the site.
    expect(fs.readdirSync(full)).toEqual(['site']);
    const served = filesUnder(siteDir);
    expect(served).toEqual(filesUnder(path.join(full, 'site')));
    const differing = served.filter(
      (f) =>
        !/^(\.catalogue-build\.json|sitemap-0\.xml)$/.test(f) &&
        !fs.readFileSync(path.join(siteDir, f)).equals(fs.readFileSync(path.join(full, 'site', f))),
    );
    expect(differing).toEqual([]);
    // The sitemap lists the same pages (a partial build lists the pages it wrote first).
    const locs = (dir: string) =>
      [...fs.readFileSync(path.join(dir, 'sitemap-0.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)]
        .map((m) => m[1])
        .sort();
    expect(locs(siteDir)).toEqual(locs(path.join(full, 'site')));
  }, 300_000);

  it('a build killed halfway leaves the served pages as they were; the next build completes it', async () => {
    const out = path.join(full, 'site');
    const before = filesUnder(out);
    const manifestBefore = fs.readFileSync(path.join(out, '.catalogue-build.json'), 'utf8');
    const number = '增量测试公示〔2026〕2号';
    await write(
      county,
      'mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { notice { id } problems { field rule } } }',
      {
        input: {
          number,
          title: '关于增量构建测试培训班培训补贴人员名单的公示（二）',
          bureau: String(notice.line.idNumber).slice(0, 6),
          publishedOn: CATALOGUE_DAY,
          lines: [{ ...notice.line, certificateNumber: 'S202653000000002' }],
        },
      },
    );
    const { subsidyNotice } = await gql(catalogue.graphql, 'query($n: String!) { subsidyNotice(number: $n) { id } }', {
      n: number,
    });
    const builder = spawn(process.execPath, [API_CLI('build-site'), '--api', api(), '--out', out], {
      env: { ...process.env, CATALOGUE_TODAY: CATALOGUE_DAY, SITE_URL: '' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => builder.once('exit', resolve));
    // Astro is running once its pid is recorded; give it a moment into the build, then kill.
    await expect.poll(() => fs.existsSync(`${out}.build.pid`), { timeout: 60_000, interval: 50 }).toBe(true);
    await new Promise((r) => setTimeout(r, 3_000));
    builder.kill('SIGKILL');
    await exited;
    expect(filesUnder(out)).toEqual(before);
    expect(fs.readFileSync(path.join(out, '.catalogue-build.json'), 'utf8')).toBe(manifestBefore);
    expect(fs.existsSync(path.join(out, 'notices', `${subsidyNotice.id}.html`))).toBe(false);
    // The next build waits for the dead builder's lock to go stale, then builds what it left.
    const r = buildInto(out);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(out, 'notices', `${subsidyNotice.id}.html`), 'utf8')).toContain(number);
    expect(fs.readFileSync(path.join(out, 'notices', 'index.html'), 'utf8')).toContain(number);
    expect(manifest(out).last.kind).toBe('partial');
  }, 300_000);
});

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesUnder(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))],
    )
    .sort();
}
