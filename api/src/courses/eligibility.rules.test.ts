import { describe, expect, it } from 'vitest';
import { CertificateType, Enrolment, TargetGroup } from '../common/enums';
import { citation } from '../common/rule-check';
import {
  checkEligibility,
  decideEligibility,
  EligibilityAnswerError,
  eligibilityEditionFor,
  MAX_SUBSIDISED_TRAININGS_A_YEAR,
  subsidyConditions,
  type EligibilityAnswers,
  type EligibilityFacts,
} from './eligibility.rules';

const facts = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  startDate: '2027-03-01',
  endDate: '2027-03-30',
  certificateType: CertificateType.SKILL_LEVEL,
  targetGroups: [TargetGroup.MIGRANT_WORKERS, TargetGroup.POVERTY_ALLEVIATED],
  enrolment: Enrolment.PUBLIC,
  ownerCompany: null,
  subsidyPerTrainee: 1200,
  directoryStandard: 1500,
  institution: { blacklistedFrom: null, blacklistedUntil: null, licenceRevokedOn: null },
  ...over,
});
const yes: EligibilityAnswers = {
  targetGroups: [TargetGroup.MIGRANT_WORKERS],
  attendancePercent: 90,
  certificateObtained: true,
  subsidisedTrainingsThisYear: 0,
};
const failing = (v: ReturnType<typeof checkEligibility>) =>
  v.reasons.filter((r) => !r.holds).map((r) => [r.conditionId, r.clause ? citation(r.clause) : null]);

describe('subsidyConditions', () => {
  it('lists the record facts, then the questions, each with its clause', () => {
    const offer = subsidyConditions(facts());
    expect(offer.conditions.map((c) => [c.id, c.clause ? citation(c.clause) : null])).toEqual([
      ['eligibility.subsidised', '云人社通〔2022〕50号 (四)'],
      ['eligibility.institution-standing', '云人社通〔2022〕50号 (十九)'],
      ['eligibility.target-group', '云人社通〔2022〕8号 一(一)'],
      ['eligibility.attendance', '云人社通〔2022〕50号 (十四)'],
      ['eligibility.certificate', '云人社通〔2022〕50号 (五)'],
      ['eligibility.three-a-year', '云人社（2021）职业技能提升行动通知 二(四)'],
    ]);
    expect(offer.conditions.find((c) => c.id === 'eligibility.target-group')!.question).toBe(
      '你是不是农民工、脱贫劳动力？',
    );
    expect(offer.amountYuan).toBe(1200);
  });
  it('caps the amount at the directory standard and has none for an unsubsidised class', () => {
    expect(subsidyConditions(facts({ subsidyPerTrainee: 2000, directoryStandard: 1500 })).amountYuan).toBe(1500);
    expect(subsidyConditions(facts({ subsidyPerTrainee: 0 })).amountYuan).toBeNull();
  });
  it('asks about own staff only for an enterprise training centre, citing the edition of the start date', () => {
    const own = subsidyConditions(
      facts({ enrolment: Enrolment.OWN_STAFF, ownerCompany: '云南建投集团' }),
    ).conditions.find((c) => c.id === 'eligibility.own-staff')!;
    expect(own.question).toBe('你是不是云南建投集团的职工？');
    expect(citation(own.clause!)).toBe('云人社通〔2022〕50号 (五)');
    const own2021 = subsidyConditions(
      facts({ startDate: '2021-06-01', endDate: '2021-06-30', enrolment: Enrolment.OWN_STAFF, ownerCompany: 'X' }),
    ).conditions.find((c) => c.id === 'eligibility.own-staff')!;
    expect(citation(own2021.clause!)).toBe('云人社（2021）职业技能提升行动通知 二(七)');
    expect(subsidyConditions(facts()).conditions.some((c) => c.id === 'eligibility.own-staff')).toBe(false);
  });
  it('is versioned by the start date: before 8号 no blacklist condition, target groups from the 2021 notice', () => {
    const ids = subsidyConditions(facts({ startDate: '2021-06-01', endDate: '2021-06-30' })).conditions;
    expect(ids.some((c) => c.id === 'eligibility.institution-standing')).toBe(false);
    expect(citation(ids.find((c) => c.id === 'eligibility.target-group')!.clause!)).toBe(
      '云人社（2021）职业技能提升行动通知 一',
    );
    expect(eligibilityEditionFor('2022-02-11').document.number).toBe('云人社通〔2022〕8号');
  });
  it('does not ask about target groups when the class names none', () => {
    expect(
      subsidyConditions(facts({ targetGroups: [] })).conditions.some((c) => c.id === 'eligibility.target-group'),
    ).toBe(false);
  });
});

describe('checkEligibility', () => {
  it('all yes: eligible for the amount', () => {
    const v = checkEligibility(facts(), yes);
    expect(v).toMatchObject({ eligible: true, amountYuan: 1200 });
    expect(v.reasons.every((r) => r.holds)).toBe(true);
  });
  it('exactly 80 % is enough; 79.9 % is not, citing 50号 (十四)', () => {
    expect(checkEligibility(facts(), { ...yes, attendancePercent: 80 }).eligible).toBe(true);
    const v = checkEligibility(facts(), { ...yes, attendancePercent: 79.9 });
    expect(v).toMatchObject({ eligible: false, amountYuan: null });
    expect(failing(v)).toEqual([['eligibility.attendance', '云人社通〔2022〕50号 (十四)']]);
    expect(v.reasons.find((r) => !r.holds)!.message).toBe('上课不到80%，不能拿补贴。');
  });
  it('at most three subsidised trainings a year: the fourth is refused', () => {
    expect(
      checkEligibility(facts(), { ...yes, subsidisedTrainingsThisYear: MAX_SUBSIDISED_TRAININGS_A_YEAR - 1 }).eligible,
    ).toBe(true);
    const v = checkEligibility(facts(), { ...yes, subsidisedTrainingsThisYear: MAX_SUBSIDISED_TRAININGS_A_YEAR });
    expect(failing(v)).toEqual([['eligibility.three-a-year', '云人社（2021）职业技能提升行动通知 二(四)']]);
  });
  it('a worker outside the target groups, or without the certificate, is refused with each clause', () => {
    const v = checkEligibility(facts(), { ...yes, targetGroups: [TargetGroup.VETERANS], certificateObtained: false });
    expect(failing(v)).toEqual([
      ['eligibility.target-group', '云人社通〔2022〕8号 一(一)'],
      ['eligibility.certificate', '云人社通〔2022〕50号 (五)'],
    ]);
  });
  it('an enterprise centre trains only its own staff', () => {
    const f = facts({ enrolment: Enrolment.OWN_STAFF, ownerCompany: '昆钢' });
    expect(checkEligibility(f, { ...yes, ownStaff: true }).eligible).toBe(true);
    expect(failing(checkEligibility(f, { ...yes, ownStaff: false }))).toEqual([
      ['eligibility.own-staff', '云人社通〔2022〕50号 (五)'],
    ]);
  });
  it('refuses whatever the answers when the institution is blacklisted on the class dates (not before, not after)', () => {
    const during = facts({
      institution: { blacklistedFrom: '2027-03-15', blacklistedUntil: null, licenceRevokedOn: null },
    });
    expect(failing(checkEligibility(during, yes))).toEqual([
      ['eligibility.institution-standing', '云人社通〔2022〕50号 (十九)'],
    ]);
    const ended = facts({
      institution: { blacklistedFrom: '2023-06-01', blacklistedUntil: null, licenceRevokedOn: null },
    });
    expect(checkEligibility(ended, yes).eligible).toBe(true);
    const revoked = facts({
      institution: { blacklistedFrom: null, blacklistedUntil: null, licenceRevokedOn: '2027-03-20' },
    });
    expect(checkEligibility(revoked, yes).eligible).toBe(false);
  });
  it('an unsubsidised class gives nothing', () => {
    const v = checkEligibility(facts({ subsidyPerTrainee: 0 }), yes);
    expect(v).toMatchObject({ eligible: false, amountYuan: null });
    expect(failing(v)[0][0]).toBe('eligibility.subsidised');
  });
  it('names the field of a missing or impossible answer', () => {
    expect(() => checkEligibility(facts(), { ...yes, attendancePercent: 120 })).toThrow(
      /^attendancePercent: a share of the class hours from 0 to 100, got 120$/,
    );
    expect(() => checkEligibility(facts(), { ...yes, subsidisedTrainingsThisYear: -1 })).toThrow(
      EligibilityAnswerError,
    );
    expect(() => checkEligibility(facts(), { ...yes, certificateObtained: null })).toThrow(
      /^certificateObtained: required for this class/,
    );
    expect(() => checkEligibility(facts({ enrolment: Enrolment.OWN_STAFF, ownerCompany: 'X' }), yes)).toThrow(
      /^ownStaff: required/,
    );
  });
});

describe('decideEligibility', () => {
  it('treats an unanswered question as not holding', () => {
    const v = decideEligibility(subsidyConditions(facts()), {});
    expect(v.eligible).toBe(false);
    expect(v.reasons.filter((r) => !r.holds).map((r) => r.conditionId)).toEqual([
      'eligibility.target-group',
      'eligibility.attendance',
      'eligibility.certificate',
      'eligibility.three-a-year',
    ]);
  });
});
