import { describe, expect, it } from 'vitest';
import { Enrolment, EnrolmentStatus } from '../common/enums';
import { citation } from '../common/rule-check';
import {
  enrolmentClosesOn,
  enrolmentStatus,
  joiningNeeds,
  seatsLeft,
  type EnrolmentFacts,
} from './course-status.rules';

const cls = (over: Partial<EnrolmentFacts> = {}): EnrolmentFacts => ({
  startDate: '2027-03-01',
  endDate: '2027-03-30',
  cancelledOn: null,
  capacity: 40,
  enrolled: 12,
  enrolmentCloses: null,
  ...over,
});

describe('enrolmentClosesOn', () => {
  it('is the day before the start when no deadline is recorded (across a month end)', () => {
    expect(enrolmentClosesOn(cls())).toEqual({ date: '2027-02-28', source: 'DAY_BEFORE_START' });
  });
  it('is the recorded deadline when it comes before the start', () => {
    expect(enrolmentClosesOn(cls({ enrolmentCloses: '2027-02-15' }))).toEqual({
      date: '2027-02-15',
      source: 'RECORDED',
    });
  });
  it('never runs into the class: a recorded deadline on or after the first day gives the day before', () => {
    expect(enrolmentClosesOn(cls({ enrolmentCloses: '2027-03-05' }))).toEqual({
      date: '2027-02-28',
      source: 'DAY_BEFORE_START',
    });
  });
});

describe('seatsLeft', () => {
  it('is capacity − enrolled, never below 0', () => {
    expect(seatsLeft({ capacity: 40, enrolled: 12 })).toBe(28);
    expect(seatsLeft({ capacity: 40, enrolled: 43 })).toBe(0);
  });
});

describe('enrolmentStatus', () => {
  it('enrolling: before the deadline with places left', () => {
    expect(enrolmentStatus(cls(), '2026-12-02')).toBe(EnrolmentStatus.ENROLLING);
    expect(enrolmentStatus(cls(), '2027-02-28')).toBe(EnrolmentStatus.ENROLLING);
  });
  it('full: no place left before the start', () => {
    expect(enrolmentStatus(cls({ enrolled: 40 }), '2026-12-02')).toBe(EnrolmentStatus.FULL);
  });
  it('closed: after a recorded deadline, before the start', () => {
    expect(enrolmentStatus(cls({ enrolmentCloses: '2027-02-15' }), '2027-02-16')).toBe(
      EnrolmentStatus.ENROLMENT_CLOSED,
    );
    expect(enrolmentStatus(cls({ enrolmentCloses: '2027-02-15' }), '2027-02-15')).toBe(EnrolmentStatus.ENROLLING);
  });
  it('running from the first to the last day, finished after it', () => {
    expect(enrolmentStatus(cls(), '2027-03-01')).toBe(EnrolmentStatus.RUNNING);
    expect(enrolmentStatus(cls(), '2027-03-30')).toBe(EnrolmentStatus.RUNNING);
    expect(enrolmentStatus(cls(), '2027-03-31')).toBe(EnrolmentStatus.FINISHED);
  });
  it('cancelled whatever the dates and places', () => {
    expect(enrolmentStatus(cls({ cancelledOn: '2026-11-01' }), '2026-12-02')).toBe(EnrolmentStatus.CANCELLED);
    expect(enrolmentStatus(cls({ cancelledOn: '2027-03-10' }), '2027-04-30')).toBe(EnrolmentStatus.CANCELLED);
  });
  it('refuses a malformed day', () => {
    expect(() => enrolmentStatus(cls(), '2026-13-01')).toThrow(RangeError);
  });
});

describe('joiningNeeds', () => {
  const cite = (c: { clause: Parameters<typeof citation>[0] | null }) => (c.clause ? citation(c.clause) : null);
  it('a public class: everyone; the ID card, and the social security card for vouchers (8号 三(四))', () => {
    const n = joiningNeeds({
      startDate: '2027-03-01',
      enrolment: Enrolment.PUBLIC,
      ownerCompany: null,
      acceptsVouchers: true,
    });
    expect(n.whoMayEnrol).toMatchObject({ id: 'enrol.public', clause: null });
    expect(n.bring.map((b) => [b.id, cite(b)])).toEqual([
      ['bring.id-card', null],
      ['bring.social-security-card', '云人社通〔2022〕8号 三(四)'],
    ]);
    expect(
      joiningNeeds({
        startDate: '2027-03-01',
        enrolment: Enrolment.PUBLIC,
        ownerCompany: null,
        acceptsVouchers: false,
      }).bring.map((b) => b.id),
    ).toEqual(['bring.id-card']);
  });
  it("an enterprise centre's class: its own staff only, citing the start date's edition", () => {
    const own = (startDate: string) =>
      joiningNeeds({ startDate, enrolment: Enrolment.OWN_STAFF, ownerCompany: '昆钢', acceptsVouchers: false })
        .whoMayEnrol;
    expect(own('2027-03-01')).toMatchObject({ id: 'enrol.own-staff', text: '只招昆钢的职工。' });
    expect(cite(own('2027-03-01'))).toBe('云人社通〔2022〕50号 (五)');
    expect(cite(own('2022-06-01'))).toBe('云人社通〔2022〕8号 三(三)');
    expect(cite(own('2021-06-01'))).toBe('云人社（2021）职业技能提升行动通知 二(七)');
  });
});
