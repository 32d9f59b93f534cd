/**
 * The rules that are plain functions, not tables: kept by hand for docs/rules.md, in plain
 * words, with the clause taken from the constants the code itself cites. The rules that are
 * data (course editions, eligibility, red flags, claim deadlines, target tables and measures)
 * are read from their tables by rules-doc-render.ts instead.
 *
 * `code` names every export of a rules module that implements the entry; with the tables read
 * by the renderer and {@link NOT_RULES}, every export of every `*.rules.ts` file is accounted
 * for (api/test/rules-doc.test.ts checks it), so a new rule cannot be left out silently.
 */
import { type Clause, DOCUMENTS } from '../common/rule-check';
import { DRAW_CLAUSE, DRAW_RULE_VERSION } from '../courses/agency-draw.rules';
import { VOUCHER_CARD_CLAUSE } from '../courses/course-status.rules';
import { COURSE_RULES } from '../courses/course.rules';
import { OUTCOME_YEARS, SMALL_GROUP_MINIMUM } from '../courses/outcomes.rules';
import { CLASS_OPENING_CLAUSE, GRADED_ADMISSION_CLAUSE } from '../directory/directory.rules';
import { BLACKLISTING_CLAUSE } from '../institutions/blacklisting.rules';
import { BLACKLIST_YEARS, CREDIT_CODE_CLAUSE, LICENCE_REVOCATION_CLAUSE } from '../institutions/institution.rules';
import { SCOPE_CLAUSE } from '../publishers/publisher.rules';
import { MASKED_NAME_MAX } from '../subsidies/notice-import.rules';
import { OBJECTION_PERIOD_2022 } from '../subsidies/notice-lifecycle.rules';
import { TOP_FIVE } from '../subsidies/subsidy-totals.rules';
import { CERTIFICATE_CLAUSE, MIN_ATTENDANCE } from '../subsidies/subsidy.rules';
import { TARGET_TABLE_SHAPES } from '../targets/target-table.rules';
import { MIN_PROJECT_CERTIFICATE_PERCENT } from '../targets/target.rules';

/** One rule as docs/rules.md lists it. */
export interface RuleEntry {
  /** The id the code reports (`course.class-size`), or the exported name of a rule without one. */
  rule: string;
  /** What the rule says, in plain words. */
  says: string;
  /** Where it comes from: clauses of the documents, or a basis in words; empty: the catalogue's own rule. */
  basis: readonly (Clause | string)[];
  /** In force from (a date or a procedure version); null: applied whatever the date. */
  from: string | null;
  /** Source file, relative to the repository root. */
  file: string;
  /** The exports of the rules module that implement it. */
  code: readonly string[];
}

/** A group of rules with a heading and a sentence of context. */
export interface RuleSection {
  title: string;
  intro: string;
  rules: RuleEntry[];
}

const src = (path: string) => `api/src/${path}`;
const INSTITUTION = src('institutions/institution.rules.ts');
const LIFECYCLE = src('subsidies/notice-lifecycle.rules.ts');
const IMPORT = src('subsidies/notice-import.rules.ts');
const TARGET_TABLE = src('targets/target-table.rules.ts');

/** Entries of one file that share their code and basis, from `[rule, says]` pairs. */
function group(
  file: string,
  code: readonly string[],
  basis: readonly (Clause | string)[],
  pairs: readonly [string, string][],
): RuleEntry[] {
  return pairs.map(([rule, says]) => ({ rule, says, basis, from: null, file, code }));
}

const OWN_STAFF_CLAUSES = [
  ...new Map(
    COURSE_RULES.map((e) => [
      `${e.enterpriseOwnStaff.document.number}${e.enterpriseOwnStaff.clause}`,
      e.enterpriseOwnStaff,
    ]),
  ).values(),
];
const TABLE_CLAUSES = Object.values(TARGET_TABLE_SHAPES).map((s) => s.clause);

/** The hand-kept sections, in the order docs/rules.md prints them after the course rules. */
export const HAND_KEPT_SECTIONS: readonly RuleSection[] = [
  {
    title: 'Institutions: credit code, standing, blacklist',
    intro:
      'What an institution record must hold, and how a blacklisting or a revoked licence is recorded and read on a given day.',
    rules: [
      {
        rule: 'institution.credit-code',
        says: 'A published unified social credit code has 18 characters of the allowed set and the right check character; a missing code is "not published", not an error.',
        basis: [CREDIT_CODE_CLAUSE],
        from: null,
        file: INSTITUTION,
        code: ['checkInstitution', 'CREDIT_CODE_CLAUSE'],
      },
      {
        rule: 'institution.standing',
        says: 'On a given day an institution is in good standing, blacklisted, or without its licence; a revoked licence outranks the blacklist and does not end.',
        basis: [BLACKLIST_YEARS.clause, LICENCE_REVOCATION_CLAUSE],
        from: null,
        file: INSTITUTION,
        code: ['institutionStanding', 'LICENCE_REVOCATION_CLAUSE'],
      },
      {
        rule: 'blacklistPeriod',
        says: `A blacklisting bars the institution for ${BLACKLIST_YEARS.value} years: from the decision up to, not including, the third anniversary (a bar from 29 February ends on 28 February).`,
        basis: [BLACKLIST_YEARS.clause],
        from: null,
        file: INSTITUTION,
        code: ['blacklistPeriod', 'BLACKLIST_YEARS'],
      },
      {
        rule: 'blacklistingStatus',
        says: 'A blacklisting is current from its first day to its end, then ended, or lifted when a decision ended it early; one recorded for a later day is not in force and not listed yet.',
        basis: [BLACKLISTING_CLAUSE],
        from: null,
        file: src('institutions/blacklisting.rules.ts'),
        code: ['blacklistingStatus', 'BLACKLISTING_CLAUSE'],
      },
      ...group(
        INSTITUTION,
        ['checkInstitutionDraft'],
        [],
        [
          ['institution.name', 'An institution has a registered name of 2 to 128 characters.'],
          ['institution.credit-code-unique', 'No two institutions are registered with the same credit code.'],
          [
            'institution.region',
            'An institution is registered in a county or 州市 of Yunnan; only provincial project units belong to the province itself.',
          ],
          ['institution.licence-number', 'A licence number has at most 64 characters.'],
          ['institution.address', 'An address has at most 256 characters.'],
          ['institution.phone', 'An enrolment phone number, when given, is a well-formed mainland number.'],
          [
            'institution.scope',
            'Every occupation an institution may teach is a code of the 2022 national classification.',
          ],
        ],
      ),
      {
        rule: 'institution.owner-company',
        says: 'An enterprise training centre names the company whose staff it trains.',
        basis: OWN_STAFF_CLAUSES.slice(-1),
        from: null,
        file: INSTITUTION,
        code: ['checkInstitutionDraft'],
      },
      ...group(
        INSTITUTION,
        ['checkBlacklisting', 'checkLift', 'checkLicenceRevocation'],
        [],
        [
          [
            'institution.blacklist-date',
            'A blacklisting is recorded once decided: its first day is a date, and not after today.',
          ],
          ['institution.blacklist-document', 'A blacklisting, and its early lifting, names the deciding document.'],
          [
            'institution.blacklist-reason',
            'A blacklisting, and its early lifting, gives the reason as it will be published (4 characters or more).',
          ],
        ],
      ),
      {
        rule: 'institution.blacklist-overlap',
        says: "A new blacklisting's three years overlap no blacklisting on record, so every decision stays on record as it was made.",
        basis: [BLACKLIST_YEARS.clause],
        from: null,
        file: INSTITUTION,
        code: ['checkBlacklisting'],
      },
      ...group(
        INSTITUTION,
        ['checkLift'],
        [BLACKLIST_YEARS.clause],
        [
          [
            'institution.blacklist-lift',
            'A blacklisting is lifted early only on a day the institution is blacklisted.',
          ],
          ['institution.blacklist-lift-date', 'The day of lifting is a date after the first day barred.'],
        ],
      ),
      ...group(
        INSTITUTION,
        ['checkLicenceRevocation', 'checkBlacklisting'],
        [LICENCE_REVOCATION_CLAUSE],
        [
          [
            'institution.licence-revoked',
            'A licence is revoked once, and an institution without its licence is not blacklisted again: nothing is left to bar.',
          ],
          [
            'institution.licence-date',
            'A revocation is recorded once decided: its day is a date, and not after today.',
          ],
          ['institution.licence-document', 'A revocation names the deciding document.'],
          [
            'institution.licence-reason',
            'A revocation gives the reason as it will be published (4 characters or more).',
          ],
        ],
      ),
    ],
  },
  {
    title: 'The subsidised occupation directory',
    intro: 'Which occupations may enter the annual directory (年度培训补贴工种目录).',
    rules: [
      {
        rule: 'directory.admission',
        says: 'An occupation × certificate type enters the directory only with an evaluation agency recorded in Yunnan and, for 职业资格 and 职业技能等级 certificates, a national occupational standard.',
        basis: [GRADED_ADMISSION_CLAUSE, CLASS_OPENING_CLAUSE],
        from: null,
        file: src('directory/directory.rules.ts'),
        code: ['checkDirectoryAdmission', 'admissionGaps', 'GRADED_ADMISSION_CLAUSE', 'CLASS_OPENING_CLAUSE'],
      },
      {
        rule: 'isGradedCertificate',
        says: 'The graded certificates held to the stricter rules (120 class hours, a national standard, a separate assessing agency) are 职业资格证书 and 职业技能等级证书.',
        basis: [],
        from: null,
        file: src('directory/directory.rules.ts'),
        code: ['isGradedCertificate', 'GRADED_CERTIFICATE_TYPES'],
      },
    ],
  },
  {
    title: 'A class on a given day: status, joining, the agency draw, outcomes',
    intro:
      'What a worker sees about one class today, how its assessing agency is chosen, and what of its results may be published.',
    rules: [
      {
        rule: 'courseStatus',
        says: 'A class is cancelled once a cancellation is recorded, whatever its date; otherwise planned before its first day, in progress up to its last day, finished after.',
        basis: [],
        from: null,
        file: src('courses/course.rules.ts'),
        code: ['courseStatus'],
      },
      {
        rule: 'enrolmentStatus',
        says: "Before its first day a class is full when no place is left, closed after the enrolment deadline, else enrolling. The deadline is the bureau's recorded one, or the day before the first class (a class opens only after its pre-opening check, 50号 (十四)).",
        basis: [],
        from: null,
        file: src('courses/course-status.rules.ts'),
        code: ['enrolmentStatus', 'enrolmentClosesOn', 'seatsLeft'],
      },
      {
        rule: 'enrol.public',
        says: 'A class open to the public takes anyone.',
        basis: [],
        from: null,
        file: src('courses/course-status.rules.ts'),
        code: ['joiningNeeds'],
      },
      {
        rule: 'enrol.own-staff',
        says: "At an enterprise training centre only the company's own staff may enrol (clause of the edition in force on the start date).",
        basis: OWN_STAFF_CLAUSES,
        from: null,
        file: src('courses/course-status.rules.ts'),
        code: ['joiningNeeds'],
      },
      {
        rule: 'bring.id-card',
        says: 'A worker brings the resident ID card to enrol: enrolment checks identity.',
        basis: [],
        from: null,
        file: src('courses/course-status.rules.ts'),
        code: ['joiningNeeds'],
      },
      {
        rule: 'bring.social-security-card',
        says: 'Where a class takes training vouchers, the worker brings the social security card or uses the electronic one.',
        basis: [VOUCHER_CARD_CLAUSE],
        from: null,
        file: src('courses/course-status.rules.ts'),
        code: ['joiningNeeds', 'VOUCHER_CARD_CLAUSE'],
      },
      {
        rule: 'drawAgency',
        says: "The assessing agency is drawn at random from the agencies recorded for the occupation and level on the exam date, not the trainer's own unless the sole-agency exemption applies. The seed is the SHA-256 of the published inputs (with a beacon the drawer does not choose) and the choice is the seed modulo their number, so anyone can repeat the draw.",
        basis: [DRAW_CLAUSE],
        from: DRAW_RULE_VERSION,
        file: src('courses/agency-draw.rules.ts'),
        code: ['drawAgency', 'eligibleAgencies', 'drawText', 'DRAW_CLAUSE', 'DRAW_RULE_VERSION'],
      },
      {
        rule: 'suppressCount',
        says: `A published count about fewer than ${SMALL_GROUP_MINIMUM.value} people, none included, is shown as "fewer than ${SMALL_GROUP_MINIMUM.value}".`,
        basis: [SMALL_GROUP_MINIMUM.source],
        from: null,
        file: src('courses/outcomes.rules.ts'),
        code: ['suppressCount', 'classOutcomes', 'SMALL_GROUP_MINIMUM'],
      },
      {
        rule: 'suppressTotal',
        says: `A total is hidden as well when its hidden parts add up to fewer than ${SMALL_GROUP_MINIMUM.value} (subtracting the parts shown would give them back); a rate is shown only when its numerator and its base are.`,
        basis: [SMALL_GROUP_MINIMUM.source],
        from: null,
        file: src('courses/outcomes.rules.ts'),
        code: ['suppressTotal', 'suppressRate', 'institutionOutcomes'],
      },
      {
        rule: 'outcomeWindow',
        says: `An institution's record covers the classes that ended in the last ${OUTCOME_YEARS} years.`,
        basis: [],
        from: null,
        file: src('courses/outcomes.rules.ts'),
        code: ['outcomeWindow', 'OUTCOME_YEARS'],
      },
    ],
  },
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

/**
 * Exports of rules modules that are not rules: formatting, parsing, storage shapes and errors.
 * Each says why, so a reader (and the completeness test) knows it was left out on purpose.
 */
export const NOT_RULES: Readonly<Record<string, string>> = {
  describeGapsZh: 'wording of admission gaps (Chinese)',
  describeGapsEn: 'wording of admission gaps (English)',
  EligibilityAnswerError: 'error type for an unusable answer',
  flagIdsText: 'storage format of flag ids',
  parseFlagIds: 'storage format of flag ids',
  parseApiKey: 'shape of an API key, not a rule of the documents',
  formatApiKey: 'shape of an API key, not a rule of the documents',
  deliveredShare: 'arithmetic: delivered ÷ target',
  inUnit: 'display of persons in a table unit',
};
