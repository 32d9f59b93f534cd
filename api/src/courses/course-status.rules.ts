/**
 * Whether a worker can join a class on a given day, and until when enrolment is open. Pure:
 * plain dates and counts plus `today` in; nothing is stored, so the status cannot go stale.
 *
 * The documents set no enrolment deadline. This catalogue's rule: the bureau's recorded
 * deadline (`enrolmentCloses`) when there is one, else the day before the first class —
 * a class is opened only after 开班前验证 (云人社通〔2022〕50号 (十四)), so a worker must be
 * enrolled before the first day.
 */

import { addDays, isIsoDate } from '../common/dates';
import { Enrolment, EnrolmentStatus } from '../common/enums';
import { DOCUMENTS, type Clause } from '../common/rule-check';
import { courseRuleEditionFor } from './course.rules';

/** What the status depends on. */
export interface EnrolmentFacts {
  startDate: string;
  endDate: string;
  cancelledOn: string | null;
  capacity: number;
  enrolled: number;
  /** Last day to enrol as recorded by the bureau; null: the default rule. */
  enrolmentCloses: string | null;
}

/** Where an enrolment deadline comes from. */
export type DeadlineSource = 'RECORDED' | 'DAY_BEFORE_START';

/**
 * The last day a worker may enrol: the recorded deadline, else the day before the start.
 * A recorded deadline after the first day is capped at the day before the start.
 * @example enrolmentClosesOn({ startDate: '2027-03-01', enrolmentCloses: null }) // { date: '2027-02-28', source: 'DAY_BEFORE_START' }
 */
export function enrolmentClosesOn(f: Pick<EnrolmentFacts, 'startDate' | 'enrolmentCloses'>): {
  date: string;
  source: DeadlineSource;
} {
  const dayBefore = addDays(f.startDate, -1);
  if (f.enrolmentCloses && isIsoDate(f.enrolmentCloses) && f.enrolmentCloses <= dayBefore)
    return { date: f.enrolmentCloses, source: 'RECORDED' };
  return { date: dayBefore, source: 'DAY_BEFORE_START' };
}

/** Places still free: capacity − enrolled, never below 0. @example seatsLeft({ capacity: 40, enrolled: 43 }) === 0 */
export function seatsLeft(f: Pick<EnrolmentFacts, 'capacity' | 'enrolled'>): number {
  return Math.max(0, f.capacity - f.enrolled);
}

/**
 * The class's status for `today`: cancelled first (whatever the dates), then finished after the
 * last day, running from the first to the last day, and before the start: full when no place is
 * left, closed after the deadline, else enrolling.
 * @example enrolmentStatus({ startDate: '2027-03-01', endDate: '2027-03-30', cancelledOn: null, capacity: 40, enrolled: 12, enrolmentCloses: null }, '2026-12-02') === EnrolmentStatus.ENROLLING
 */
export function enrolmentStatus(f: EnrolmentFacts, today: string): EnrolmentStatus {
  if (!isIsoDate(today)) throw new RangeError(`today must be an ISO date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  if (f.cancelledOn !== null) return EnrolmentStatus.CANCELLED;
  if (today > f.endDate) return EnrolmentStatus.FINISHED;
  if (today >= f.startDate) return EnrolmentStatus.RUNNING;
  if (seatsLeft(f) === 0) return EnrolmentStatus.FULL;
  if (today > enrolmentClosesOn(f).date) return EnrolmentStatus.ENROLMENT_CLOSED;
  return EnrolmentStatus.ENROLLING;
}

/** One thing to know or bring to enrol, with its clause where a document sets it. */
export interface JoinItem {
  id: string;
  text: string;
  textEn: string;
  clause: Clause | null;
}

/** Training vouchers are taken through the (electronic) social security card: 云人社通〔2022〕8号 三(四). */
export const VOUCHER_CARD_CLAUSE: Clause = { document: DOCUMENTS.NOTICE_2022_8, clause: '三(四)' };

/**
 * Who may enrol and what to bring: the public, or only the company's own staff at an enterprise
 * training centre (the clause of the start date's edition: 2021 notice 二(七), 8号 三(三),
 * 50号 (五)); the resident ID card always (no clause: enrolment checks identity), and the social
 * security card or its electronic form when the class takes training vouchers (8号 三(四)).
 * @example joiningNeeds({ startDate: '2027-03-01', enrolment: Enrolment.PUBLIC, ownerCompany: null, acceptsVouchers: true }).bring.map((b) => b.id) // ['bring.id-card', 'bring.social-security-card']
 */
export function joiningNeeds(f: {
  startDate: string;
  enrolment: Enrolment;
  ownerCompany: string | null;
  acceptsVouchers: boolean;
}): { whoMayEnrol: JoinItem; bring: JoinItem[] } {
  const whoMayEnrol: JoinItem =
    f.enrolment === Enrolment.OWN_STAFF
      ? {
          id: 'enrol.own-staff',
          text: `只招${f.ownerCompany ?? '本企业'}的职工。`,
          textEn: `Only staff of ${f.ownerCompany ?? 'the company'} may enrol.`,
          clause: courseRuleEditionFor(f.startDate).enterpriseOwnStaff,
        }
      : { id: 'enrol.public', text: '面向社会招生，谁都可以报名。', textEn: 'Open to everyone.', clause: null };
  const bring: JoinItem[] = [
    { id: 'bring.id-card', text: '带上身份证。', textEn: 'Bring your resident ID card.', clause: null },
  ];
  if (f.acceptsVouchers) {
    bring.push({
      id: 'bring.social-security-card',
      text: '带上社保卡，或用手机上的电子社保卡。用它领取和使用职业培训券。',
      textEn:
        'Bring your social security card, or use the electronic one on your phone. You get and use the training voucher with it.',
      clause: VOUCHER_CARD_CLAUSE,
    });
  }
  return { whoMayEnrol, bring };
}
