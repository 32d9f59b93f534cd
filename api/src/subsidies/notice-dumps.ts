import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { stringify } from 'csv-stringify';
import { safeCsvOptions } from '../common/csv-output';
import { ObjectionStatus } from '../common/enums';
import { toGlobalId } from '../graphql/node';
import { findRows } from '../db/rows';
import type { ReferenceData } from '../db/reference';
import { publishedLine } from './notice-downloads';
import { SubsidyNotice, SubsidyNoticeLine, SubsidyNoticeRevision, SubsidyObjection } from './subsidy-notice.entity';

/** Notices read per round trip: memory stays flat at any scale. */
const NOTICES_PER_BATCH = 200;

/** The columns of a yearly dump: the notice first, then the line (same line columns as a notice's CSV). */
export const DUMP_COLUMNS = [
  { key: 'notice', header: '公示编号' },
  { key: 'noticeId', header: '公示ID' },
  { key: 'bureau', header: '发布部门区划代码' },
  { key: 'publishedOn', header: '发布日期' },
  { key: 'withdrawn', header: '已撤回' },
  { key: 'revision', header: '版本' },
  { key: 'revisionSha256', header: '版本SHA-256' },
  { key: 'seq', header: '序号' },
  { key: 'maskedName', header: '姓名（脱敏）' },
  { key: 'maskedId', header: '身份证号码（脱敏）' },
  { key: 'occupationCode', header: '职业（工种）编码' },
  { key: 'occupationName', header: '职业（工种）' },
  { key: 'level', header: '等级' },
  { key: 'certificateNumber', header: '证书编号' },
  { key: 'attendanceRate', header: '出勤率' },
  { key: 'amount', header: '补贴金额（元）' },
  { key: 'cancelled', header: '异议查实取消' },
] as const;

/** What a dump wrote. */
export interface DumpResult {
  files: { name: string; bytes: number; sha256: string }[];
  notices: number;
  lines: number;
}

/** Writes to a file while hashing what is written. */
function hashedFile(file: string) {
  const hash = crypto.createHash('sha256');
  const out = fs.createWriteStream(file);
  let bytes = 0;
  return {
    async write(chunk: string | Buffer): Promise<void> {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      hash.update(buf);
      bytes += buf.length;
      if (!out.write(buf)) await once(out, 'drain');
    },
    async close(): Promise<{ bytes: number; sha256: string }> {
      out.end();
      await once(out, 'finish');
      return { bytes, sha256: hash.digest('hex') };
    },
  };
}

/**
 * The full dump of a year's notices: `notices-<year>.csv` (every current line of every notice
 * published that year, UTF-8 with BOM, formula-leading text cells escaped as in csv-output.ts), `notices-<year>.jsonl` (one notice per line with its
 * revisions, objections and lines) and `SHA256SUMS` (as `sha256sum` writes it, so
 * `sha256sum -c SHA256SUMS` checks the download). Masked data only; withdrawn notices are
 * included and marked. Streamed: memory does not grow with the year.
 * @example await dumpYear(em, reference, 2022, 'dumps/2022');
 */
export async function dumpYear(
  em: SqlEntityManager,
  reference: ReferenceData,
  year: number,
  outDir: string,
  onProgress: (notices: number) => void = () => undefined,
): Promise<DumpResult> {
  fs.mkdirSync(outDir, { recursive: true });
  const csvName = `notices-${year}.csv`;
  const jsonName = `notices-${year}.jsonl`;
  const csvFile = hashedFile(path.join(outDir, csvName));
  const jsonFile = hashedFile(path.join(outDir, jsonName));
  const csv = stringify(safeCsvOptions(DUMP_COLUMNS));
  const csvDone = (async () => {
    for await (const chunk of csv) await csvFile.write(chunk as Buffer);
  })();
  let notices = 0;
  let lineCount = 0;
  for (let after = 0; ; ) {
    const batch = await findRows(
      em,
      SubsidyNotice,
      { publishedOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` }, id: { $gt: after } },
      { id: 'asc' },
      NOTICES_PER_BATCH,
    );
    if (batch.length === 0) break;
    const ids = batch.map((n) => n.id);
    const [lines, revisions, objections] = await Promise.all([
      findRows(em, SubsidyNoticeLine, { notice: { $in: ids } }, { notice: 'asc', revision: 'asc', seq: 'asc' }),
      findRows(em, SubsidyNoticeRevision, { notice: { $in: ids } }, { notice: 'asc', revision: 'asc' }),
      findRows(em, SubsidyObjection, { notice: { $in: ids } }, { notice: 'asc', id: 'asc' }),
    ]);
    const group = <T extends { notice: number }>(rows: T[]) => {
      const m = new Map<number, T[]>();
      for (const r of rows) m.set(r.notice, [...(m.get(r.notice) ?? []), r]);
      return m;
    };
    const linesOf = group(lines);
    const revisionsOf = group(revisions);
    const objectionsOf = group(objections);
    for (const n of batch) {
      const current = (linesOf.get(n.id) ?? []).filter((l) => l.revision === n.revision);
      const revs = revisionsOf.get(n.id) ?? [];
      const objs = objectionsOf.get(n.id) ?? [];
      const upheld = new Set(objs.filter((o) => o.status === ObjectionStatus.UPHELD).map((o) => o.lineSeq));
      const sha = revs.find((r) => r.revision === n.revision)?.sha256 ?? '';
      const rows = current.map((l) => publishedLine(l, reference, upheld));
      for (const r of rows) {
        const ok = csv.write({
          notice: n.number,
          noticeId: toGlobalId('SubsidyNotice', n.id),
          bureau: n.bureau,
          publishedOn: n.publishedOn,
          withdrawn: n.withdrawnOn ? '是' : '否',
          revisionSha256: sha,
          ...r,
        });
        if (!ok) await once(csv, 'drain');
      }
      await jsonFile.write(
        `${JSON.stringify({
          id: toGlobalId('SubsidyNotice', n.id),
          number: n.number,
          title: n.title,
          bureau: n.bureau,
          publishedOn: n.publishedOn,
          objectionUntil: n.objectionUntil,
          withdrawnOn: n.withdrawnOn ?? null,
          withdrawnReason: n.withdrawnReason ?? null,
          revision: n.revision,
          isDemo: n.isDemo,
          revisions: revs.map((r) => ({
            revision: r.revision,
            publishedOn: r.publishedOn,
            reason: r.reason ?? null,
            sha256: r.sha256,
            previousSha256: r.previousSha256 ?? null,
          })),
          objections: objs.map((o) => ({
            lineSeq: o.lineSeq ?? null,
            receivedOn: o.receivedOn,
            summary: o.summary,
            status: o.status,
            decidedOn: o.decidedOn ?? null,
            outcome: o.outcome ?? null,
          })),
          lines: rows,
        })}\n`,
      );
      lineCount += rows.length;
    }
    notices += batch.length;
    onProgress(notices);
    after = ids[ids.length - 1];
  }
  csv.end();
  await csvDone;
  const files = [
    { name: csvName, ...(await csvFile.close()) },
    { name: jsonName, ...(await jsonFile.close()) },
  ];
  fs.writeFileSync(path.join(outDir, 'SHA256SUMS'), files.map((f) => `${f.sha256}  ${f.name}\n`).join(''));
  return { files, notices, lines: lineCount };
}
