import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { stringify } from 'csv-stringify';
import express from 'express';
import { safeCsvOptions } from '../common/csv-output';
import { ObjectionStatus } from '../common/enums';
import { HttpProblem } from '../http/error-answers';
import { fromGlobalId } from '../graphql/node';
import { findRows, type Row } from '../db/rows';
import type { ReferenceData } from '../db/reference';
import { noticeStatus } from './notice-lifecycle.rules';
import { SubsidyNotice, SubsidyNoticeLine, SubsidyNoticeRevision, SubsidyObjection } from './subsidy-notice.entity';
import { ErrorCode } from '../graphql/errors';
import { entriesAbout } from '../db/log-store';
import type { DisclosureLog } from '../log/disclosure-log';

/** Lines read per round trip while streaming: memory stays flat whatever the notice's size. */
const LINES_PER_BATCH = 1_000;

/**
 * The columns of a notice's CSV, in order, with their Chinese headings (the data dictionary on
 * the site explains each). Masked data only.
 */
export const NOTICE_CSV_COLUMNS = [
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
  { key: 'revision', header: '版本' },
] as const;

const LEVEL_ZH: Record<string, string> = {
  LEVEL_5: '五级',
  LEVEL_4: '四级',
  LEVEL_3: '三级',
  LEVEL_2: '二级',
  LEVEL_1: '一级',
  NONE: '无',
};

/**
 * One line as every download publishes it (per-notice CSV and JSON, yearly dumps): masked data,
 * the occupation's name, the level in Chinese, and whether an upheld objection cancelled it.
 * @example publishedLine(line, reference, new Set([3])).cancelled // '是' for line 3
 */
export function publishedLine(
  l: Row<SubsidyNoticeLine>,
  reference: ReferenceData,
  upheld: ReadonlySet<number | null | undefined>,
) {
  return {
    seq: l.seq,
    maskedName: l.maskedName,
    maskedId: l.maskedId,
    occupationCode: l.occupation,
    occupationName: reference.occupation(l.occupation)?.name ?? '',
    level: LEVEL_ZH[l.level] ?? l.level,
    certificateNumber: l.certificateNumber ?? '',
    attendanceRate: l.attendanceRate,
    amount: l.amount,
    cancelled: upheld.has(l.seq) ? '是' : '否',
    revision: l.revision,
  };
}

/**
 * The notice's entries in the disclosure log, each with its inclusion proof in the latest
 * checkpoint: what lets a reader of the download check it against the log (README, "The
 * disclosure log").
 */
async function logProofs(log: DisclosureLog, em: SqlEntityManager, number: string) {
  const checkpoint = await log.checkpoint();
  const entries = (await entriesAbout(em, number)).filter((e) => e.index < checkpoint.size);
  return {
    origin: log.origin,
    checkpoint: { size: checkpoint.size, rootHash: checkpoint.root.toString('base64'), note: checkpoint.note },
    entries: await Promise.all(
      entries.map(async (e) => ({
        index: e.index,
        kind: e.kind,
        body: e.body,
        inclusionProof: (await log.inclusionProof(e.index, checkpoint.size)).map((h) => h.toString('base64')),
      })),
    ),
  };
}

function noticeIdOf(param: string): number | null {
  try {
    const { key } = fromGlobalId(param, 'id', 'SubsidyNotice');
    return /^\d+$/.test(key) ? Number(key) : null;
  } catch {
    return null;
  }
}

/**
 * Downloads of each notice: `/downloads/notices/<id>.csv` (UTF-8 with a BOM, so Excel shows the
 * Chinese; streamed in batches; text cells beginning with `=`, `+`, `-`, `@`, tab or CR prefixed
 * with `'`, as OWASP advises against CSV injection) and `/downloads/notices/<id>.json` (header, status for today,
 * revisions with hashes, objections, lines). `<id>` is the notice's global ID, as in the site's
 * URLs. Withdrawn notices stay downloadable: they are part of the record.
 * @example app.use('/downloads', noticeDownloads(orm, reference, () => '2026-11-21', log));
 */
export function noticeDownloads(
  orm: MikroORM,
  reference: ReferenceData,
  today: () => string,
  log: DisclosureLog,
): express.Router {
  const router = express.Router();

  /** The notice named by the address; a 404 problem (answered in JSON like the API's others) when there is none. */
  const load = async (req: express.Request) => {
    const id = noticeIdOf(String(req.params.id));
    const em = orm.em.fork() as SqlEntityManager;
    const [notice] = id == null ? [] : await findRows(em, SubsidyNotice, { id });
    if (!notice)
      throw new HttpProblem(
        404,
        ErrorCode.NOT_FOUND,
        `No subsidy notice with id "${String(req.params.id).slice(0, 80)}": use the id of a notice from the API or the site's notice pages.`,
      );
    const upheld = new Set(
      (await findRows(em, SubsidyObjection, { notice: notice.id, status: ObjectionStatus.UPHELD })).map(
        (o) => o.lineSeq,
      ),
    );
    return { em, notice, upheld };
  };

  /** The current revision's lines, a batch at a time (keyset on the line number). */
  async function* linesOf(em: SqlEntityManager, notice: { id: number; revision: number }) {
    for (let after = 0; ; ) {
      const batch = await findRows(
        em,
        SubsidyNoticeLine,
        { notice: notice.id, revision: notice.revision, seq: { $gt: after } },
        { seq: 'asc' },
        LINES_PER_BATCH,
      );
      if (batch.length === 0) return;
      yield batch;
      after = batch[batch.length - 1].seq;
    }
  }

  const row = (l: Row<SubsidyNoticeLine>, upheld: ReadonlySet<number | null | undefined>) =>
    publishedLine(l, reference, upheld);

  router.get('/notices/:id.csv', async (req, res, next) => {
    try {
      const { em, notice, upheld } = await load(req);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="notice-${notice.id}.csv"; filename*=UTF-8''${encodeURIComponent(`${notice.number}.csv`)}`,
      );
      res.setHeader('Cache-Control', 'public, max-age=300');
      // Formula-leading cells (a certificate number `=…`) escaped: csv-output.ts.
      const csv = stringify(safeCsvOptions(NOTICE_CSV_COLUMNS));
      csv.pipe(res);
      for await (const batch of linesOf(em, notice)) {
        for (const l of batch) {
          // Backpressure: a slow client never makes the server hold the whole notice.
          if (!csv.write(row(l, upheld))) await new Promise((resolve) => csv.once('drain', resolve));
        }
      }
      csv.end();
    } catch (e) {
      next(e);
    }
  });

  router.get('/notices/:id.json', async (req, res, next) => {
    try {
      const { em, notice, upheld } = await load(req);
      const [revisions, objections] = await Promise.all([
        findRows(em, SubsidyNoticeRevision, { notice: notice.id }, { revision: 'asc' }),
        findRows(em, SubsidyObjection, { notice: notice.id }, { receivedOn: 'asc', id: 'asc' }),
      ]);
      const lines: ReturnType<typeof row>[] = [];
      for await (const batch of linesOf(em, notice)) lines.push(...batch.map((l) => row(l, upheld)));
      const disclosureLog = await logProofs(log, em, notice.number);
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.setHeader('Content-Disposition', `attachment; filename="notice-${notice.id}.json"`);
      res.json({
        number: notice.number,
        title: notice.title,
        bureau: notice.bureau,
        publishedOn: notice.publishedOn,
        objectionUntil: notice.objectionUntil,
        status: noticeStatus({ ...notice, withdrawnOn: notice.withdrawnOn ?? null }, today()),
        withdrawnOn: notice.withdrawnOn ?? null,
        withdrawnReason: notice.withdrawnReason ?? null,
        revision: notice.revision,
        lineCount: notice.lineCount,
        totalAmount: notice.totalAmount,
        paidTrainees: notice.paidTrainees,
        paidAmount: notice.paidAmount,
        isDemo: notice.isDemo,
        revisions: revisions.map((r) => ({
          revision: r.revision,
          publishedOn: r.publishedOn,
          reason: r.reason ?? null,
          sha256: r.sha256,
          previousSha256: r.previousSha256 ?? null,
        })),
        objections: objections.map((o) => ({
          lineSeq: o.lineSeq ?? null,
          receivedOn: o.receivedOn,
          summary: o.summary,
          status: o.status,
          decidedOn: o.decidedOn ?? null,
          outcome: o.outcome ?? null,
        })),
        lines,
        disclosureLog,
      });
    } catch (e) {
      next(e);
    }
  });

  return router;
}
