/**
 * The hand-kept rules of subsidy notices and targets, with the rules that cut across domains
 * (publishing, personal data, the calendar), for docs/rules.md: see rules-doc-entries.ts.
 */
import { DOCUMENTS } from '../common/rule-check';
import { SCOPE_CLAUSE } from '../publishers/publisher.rules';
import { MASKED_NAME_MAX } from '../subsidies/notice-import.rules';
import { OBJECTION_PERIOD_2022 } from '../subsidies/notice-lifecycle.rules';
import { TOP_FIVE } from '../subsidies/subsidy-totals.rules';
import { CERTIFICATE_CLAUSE, MIN_ATTENDANCE } from '../subsidies/subsidy.rules';
import { TARGET_TABLE_SHAPES } from '../targets/target-table.rules';
import { MIN_PROJECT_CERTIFICATE_PERCENT } from '../targets/target.rules';
import { group, type RuleSection, src } from './rules-doc-entries';

const LIFECYCLE = src('subsidies/notice-lifecycle.rules.ts');
const IMPORT = src('subsidies/notice-import.rules.ts');
const TARGET_TABLE = src('targets/target-table.rules.ts');
const TABLE_CLAUSES = Object.values(TARGET_TABLE_SHAPES).map((s) => s.clause);

/**
 * The hand-kept sections on notices, targets, publishing and personal data, in the order
 * docs/rules.md prints them (the red flags come after the first).
 */
export const NOTICE_HAND_KEPT_SECTIONS: readonly RuleSection[] = [
  {
    title: 'Subsidy notices: who may be paid, objections, corrections, the revision chain',
    intro:
      'The rules applied to every line of a published training-subsidy notice (培训补贴公示) and to what may happen to a notice afterwards.',
    rules: [
      {
        rule: 'subsidy.attendance',
        says: `A trainee attending less than ${MIN_ATTENDANCE.value * 100} % of the sessions may not be subsidised; exactly ${MIN_ATTENDANCE.value * 100} % is enough.`,
        basis: [MIN_ATTENDANCE.clause],
        from: null,
        file: src('subsidies/subsidy.rules.ts'),
        code: ['checkSubsidyEligibility', 'isEligible', 'MIN_ATTENDANCE'],
      },
      {
        rule: 'subsidy.certificate',
        says: 'A trainee is subsidised only with the certificate, or its number.',
        basis: [CERTIFICATE_CLAUSE],
        from: null,
        file: src('subsidies/subsidy.rules.ts'),
        code: ['checkSubsidyEligibility', 'CERTIFICATE_CLAUSE'],
      },
      {
        rule: 'objectionPeriod',
        says: `A notice is open to objections for ${OBJECTION_PERIOD_2022.workingDays} working days from publication, the day of publication counting when it is a working day (mainland China's calendar). ${OBJECTION_PERIOD_2022.basis}`,
        basis: [OBJECTION_PERIOD_2022.clause],
        from: null,
        file: LIFECYCLE,
        code: ['objectionPeriod', 'objectionWorkingDates', 'OBJECTION_PERIOD_2022'],
      },
      {
        rule: 'noticeStatus',
        says: 'A notice is 公示中 up to the last day of its objection period, 公示期满 after it, and 已撤回 from the day it is withdrawn; the countdown shows the working days left.',
        basis: [],
        from: null,
        file: LIFECYCLE,
        code: ['noticeStatus', 'objectionDaysLeft'],
      },
      ...group(
        LIFECYCLE,
        ['checkWithdrawal'],
        [],
        [
          ['notice.withdrawn-once', 'A notice is withdrawn once.'],
          [
            'notice.withdrawal-reason',
            'A withdrawal gives its reason (4 characters or more): the public must know why.',
          ],
          ['notice.withdrawal-date', 'A notice is not withdrawn before the day it was published.'],
        ],
      ),
      ...group(
        LIFECYCLE,
        ['checkObjection'],
        [],
        [
          ['objection.recorded-once', 'The same objection (same day, line and summary) sent twice is recorded once.'],
          ['objection.notice-withdrawn', 'No objection is recorded against a withdrawn notice.'],
          ['objection.date', 'An objection does not arrive before the notice was published.'],
          ['objection.arrived', 'An objection is not recorded as received after today.'],
          ['objection.line', 'The line an objection names exists in the current revision.'],
          [
            'objection.summary',
            'An objection says what is objected to, in 4 characters or more, without names or ID numbers.',
          ],
        ],
      ),
      {
        rule: 'objection.period',
        says: 'An objection arrives within the objection period; one arriving later is a complaint, not an objection to the notice.',
        basis: [OBJECTION_PERIOD_2022.clause],
        from: null,
        file: LIFECYCLE,
        code: ['checkObjection'],
      },
      ...group(
        LIFECYCLE,
        ['checkDecision'],
        [OBJECTION_PERIOD_2022.clause],
        [
          ['objection.decided-once', 'An objection is decided once.'],
          ['objection.status', 'A decision upholds the objection (the claim is cancelled) or rejects it.'],
          ['objection.decision-date', 'A decision is not dated before the objection arrived.'],
          [
            'objection.decision-taken',
            'A decision is not dated after today: the totals follow a decision that has been taken.',
          ],
          ['objection.outcome', 'A decision writes down its finding (4 characters or more).'],
        ],
      ),
      ...group(
        LIFECYCLE,
        ['checkCorrection', 'sameLines'],
        [],
        [
          [
            'notice.correction-unchanged',
            'A correction publishes a new revision that changes at least one line: revisions, never rewrites.',
          ],
          ['notice.correct-withdrawn', 'A withdrawn notice is not corrected.'],
          ['notice.correction-reason', 'A correction gives its reason (4 characters or more).'],
          ['notice.correction-date', 'A correction is not dated before the revision it corrects.'],
        ],
      ),
      ...group(
        src('subsidies/notice-revision.rules.ts'),
        ['verifyChain', 'revisionHash', 'canonicalRevision', 'sha256Hex'],
        [],
        [
          ['revision.sequence', "A notice's revisions run 1, 2, 3 … without gaps."],
          [
            'revision.hash',
            'Each revision hashes (SHA-256 of its RFC 8785 canonical JSON) to the hash it published: no published line, amount, date or reason changes afterwards.',
          ],
          ['revision.link', "Each revision names the previous revision's hash."],
        ],
      ),
      ...group(
        IMPORT,
        ['parseNoticeLines', 'LINE_COLUMNS'],
        [],
        [
          [
            'file.header',
            'A trainee list has every column, headed as bureaus head them (序号, 姓名, 身份证号码, 职业（工种）编码, 等级, 证书编号, 出勤率, 补贴金额（元）, or their usual variants).',
          ],
          ['file.rows', 'A trainee list has rows under its header.'],
        ],
      ),
      ...group(
        IMPORT,
        ['checkNoticeRows', 'MASKED_NAME_MAX'],
        [],
        [
          ['notice.lines', 'A notice has at least one trainee line.'],
          ['line.seq', 'A line number is a whole number from 1.'],
          ['line.seq-unique', 'No two lines share a line number.'],
          [
            'line.name',
            `A trainee's name has at least two characters and, masked, at most ${MASKED_NAME_MAX}; only the masked name is kept.`,
          ],
        ],
      ),
      {
        rule: 'line.resident-id',
        says: 'A resident identity number is 18 characters with the right check digit; only its masked form is kept.',
        basis: [DOCUMENTS.GB_11643_1999.number],
        from: null,
        file: IMPORT,
        code: ['checkNoticeRows'],
      },
      ...group(
        IMPORT,
        ['checkNoticeRows'],
        [],
        [
          [
            'line.resident-id-number',
            'An ID number that Excel turned into a number is reported with how to fix the column, not as a wrong number.',
          ],
          ['line.resident-id-unique', 'One line per trainee: the same ID number appears once.'],
          ['line.occupation', 'The occupation is a code of the 2022 national classification.'],
          ['line.level', 'The level is 五级 to 一级 or 无 (or 初级工 … 高级技师).'],
          ['line.attendance', 'Attendance is a share from 0 to 1 or a percentage such as 85%.'],
          ['line.amount', 'The amount is whole 元, 0 or more.'],
          ['line.certificate', 'A certificate number has at most 64 characters.'],
        ],
      ),
      {
        rule: 'topByVolume',
        says: `Each 州市 reviews the ${TOP_FIVE.n} institutions with the most subsidised training: ranked by trainees, then amount, then key, so ties are stable.`,
        basis: [TOP_FIVE.clause],
        from: null,
        file: src('subsidies/subsidy-totals.rules.ts'),
        code: ['topByVolume', 'TOP_FIVE'],
      },
      {
        rule: 'yearSummaries',
        says: "A year's totals, outcomes and red flags count the notices not withdrawn; withdrawn notices are counted apart and nowhere else.",
        basis: [],
        from: null,
        file: src('subsidies/subsidy-totals.rules.ts'),
        code: ['yearSummaries', 'outcomes'],
      },
    ],
  },
  {
    title: 'Targets (任务计划)',
    intro:
      'Reading the published target tables and checking a figure of one; the tables themselves and how each column is measured are listed below, read from their data.',
    rules: [
      {
        rule: 'toPersons',
        says: 'A published target in 万人次, 万人, 人次 or 人 converts to whole persons with exact decimal arithmetic; a value that is not a whole number of persons is refused.',
        basis: [],
        from: null,
        file: src('targets/target.rules.ts'),
        code: ['toPersons', 'UNIT_MULTIPLIERS'],
      },
      {
        rule: 'project.certificate-share',
        says: `A provincial project unit's plan has at least ${MIN_PROJECT_CERTIFICATE_PERCENT.value} % of its trainees in graded-certificate classes (60 % exactly passes; a plan of 0 passes).`,
        basis: [MIN_PROJECT_CERTIFICATE_PERCENT.clause],
        from: null,
        file: src('targets/target.rules.ts'),
        code: ['checkProjectCertificateShare', 'MIN_PROJECT_CERTIFICATE_PERCENT'],
      },
      ...group(
        TARGET_TABLE,
        ['checkTargetDraft', 'tableOfTitle', 'titleYear', 'TARGET_TABLE_SHAPES'],
        [],
        [
          ['target.year', 'A target figure is for a year from 2021.'],
          [
            'target.table',
            'It belongs to a table of a known shape (its printed title, without province and year, names it).',
          ],
          ['target.seq', 'Its place in the printed table is a whole number, 0 or more.'],
          ['target.unit-name', "Its row's unit, as printed, has 1 to 128 characters."],
          [
            'target.value',
            'Its value is a published number (no sign, separator or exponent) that makes whole persons in its unit.',
          ],
          ['target.source', 'It names its document and annex in 1 to 128 characters.'],
        ],
      ),
      ...group(TARGET_TABLE, ['checkTargetDraft', 'metricOf', 'PROVINCE_ROW_CODE', 'TOTAL_UNIT_NAMES'], TABLE_CLAUSES, [
        ['target.metric', 'Its column is one the table prints.'],
        ['target.unit', 'It is in the unit the table prints its figures in.'],
        ['target.region', "A row of a 州市 table carries a 州市's code, or 530000 for the province's row."],
        ['target.total-row', "A total row (合计, 全省, …) of a 州市 table carries the province's code."],
      ]),
      {
        rule: 'checkTotals',
        says: 'Every total row and total column equals the sum of what it totals (reported as `target.total`); a printed total that does not add up is kept as printed, with the note 原文如此.',
        basis: TABLE_CLAUSES,
        from: null,
        file: TARGET_TABLE,
        code: ['checkTotals', 'isTotalFigure', 'AS_PRINTED_NOTE'],
      },
      {
        rule: 'deliveryOf',
        says: 'What the notices show delivered against a target column is counted as its measure below says (subsidised or certified trainees of the classes it selects): a floor, since targets count all training; a column the notices cannot measure says why instead of a number.',
        basis: [],
        from: null,
        file: src('targets/target-progress.rules.ts'),
        code: ['deliveryOf', 'TARGET_MEASURES'],
      },
      {
        rule: 'programmeDelivery',
        says: "A programme's 2021 target is compared with 2021's subsidised trainees, its 2025 target with the sum since 2021.",
        basis: [{ document: DOCUMENTS.SKILLS_YUNNAN_2021_28, clause: '二' }],
        from: null,
        file: src('targets/target-progress.rules.ts'),
        code: ['programmeDelivery'],
      },
    ],
  },
  {
    title: 'Publishing',
    intro: 'Who may write what through the API.',
    rules: [
      {
        rule: 'scope.region',
        says: 'A publisher writes records of its own area only: a county bureau its county, a 州市 bureau the 州市 and its counties, the province and its administrators everywhere (谁审批、谁负责、谁监管).',
        basis: [SCOPE_CLAUSE],
        from: null,
        file: src('publishers/publisher.rules.ts'),
        code: ['canWrite', 'levelOf', 'SCOPE_CLAUSE', 'PROVINCE_CODE'],
      },
    ],
  },
  {
    title: 'Personal data and the calendar (common/)',
    intro: 'Two helpers of `common/` that carry a rule of their own, used by the rules above.',
    rules: [
      {
        rule: 'maskName',
        says: 'Trainee names are published, stored and indexed only masked: the family name and one * for each other character; resident ID numbers keep their first 6 and last 4 characters (maskResidentId).',
        basis: [],
        from: null,
        file: src('common/masking.ts'),
        code: [],
      },
      {
        rule: 'workingDaysAfter',
        says: "Working days are mainland China's official ones (weekends, public holidays and make-up working days); a year whose holidays are not announced yet counts Monday to Friday and says so.",
        basis: [],
        from: null,
        file: src('common/working-days.ts'),
        code: [],
      },
    ],
  },
];
