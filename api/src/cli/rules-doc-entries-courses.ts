/**
 * The hand-kept rules of institutions, the occupation directory and a class on a given day (its
 * status, joining, the agency draw, outcomes), for docs/rules.md: see rules-doc-entries.ts.
 */
import { DRAW_CLAUSE, DRAW_RULE_VERSION } from '../courses/agency-draw.rules';
import { VOUCHER_CARD_CLAUSE } from '../courses/course-status.rules';
import { COURSE_RULES } from '../courses/course.rules';
import { OUTCOME_YEARS, SMALL_GROUP_MINIMUM } from '../courses/outcomes.rules';
import { CLASS_OPENING_CLAUSE, GRADED_ADMISSION_CLAUSE } from '../directory/directory.rules';
import { BLACKLISTING_CLAUSE } from '../institutions/blacklisting.rules';
import { BLACKLIST_YEARS, CREDIT_CODE_CLAUSE, LICENCE_REVOCATION_CLAUSE } from '../institutions/institution.rules';
import { group, type RuleSection, src } from './rules-doc-entries';

const INSTITUTION = src('institutions/institution.rules.ts');

const OWN_STAFF_CLAUSES = [
  ...new Map(
    COURSE_RULES.map((e) => [
      `${e.enterpriseOwnStaff.document.number}${e.enterpriseOwnStaff.clause}`,
      e.enterpriseOwnStaff,
    ]),
  ).values(),
];

/**
 * The hand-kept sections on institutions, the directory and classes, in the order docs/rules.md
 * prints them (after the course rules and eligibility).
 */
export const COURSE_HAND_KEPT_SECTIONS: readonly RuleSection[] = [
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
];
