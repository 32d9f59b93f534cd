import { describe, expect, it } from 'vitest';
import { decide, type CheckerCondition } from './eligibility';

// The shape the API publishes for an enrolling subsidised class (ids and clauses as in eligibility.rules).
const CONDITIONS: CheckerCondition[] = [
  { id: 'eligibility.subsidised', holds: true, whyNot: '这个班没有培训补贴。', clause: '云人社通〔2022〕50号 (四)' },
  {
    id: 'eligibility.institution-standing',
    holds: true,
    whyNot: '办班的机构在上课期间被列入黑名单，不能拿补贴。',
    clause: '云人社通〔2022〕50号 (十九)',
  },
  {
    id: 'eligibility.target-group',
    holds: null,
    whyNot: '这个班是给农民工办的。',
    clause: '云人社通〔2022〕8号 一(一)',
  },
  {
    id: 'eligibility.attendance',
    holds: null,
    whyNot: '上课不到80%，不能拿补贴。',
    clause: '云人社通〔2022〕50号 (十四)',
  },
  {
    id: 'eligibility.three-a-year',
    holds: null,
    whyNot: '每人每年最多拿3次培训补贴。',
    clause: '云人社（2021）职业技能提升行动通知 二(四)',
  },
];
const all = { 'eligibility.target-group': true, 'eligibility.attendance': true, 'eligibility.three-a-year': true };

describe('decide', () => {
  it('yes to every question: the amount', () => {
    expect(decide(CONDITIONS, all, 1200)).toEqual({ kind: 'eligible', amountYuan: 1200 });
  });
  it('waits for the questions not answered yet', () => {
    expect(decide(CONDITIONS, { 'eligibility.attendance': true }, 1200)).toEqual({
      kind: 'incomplete',
      unanswered: ['eligibility.target-group', 'eligibility.three-a-year'],
    });
  });
  it('a no explains itself at once, with its clause', () => {
    expect(decide(CONDITIONS, { 'eligibility.attendance': false }, 1200)).toEqual({
      kind: 'not-eligible',
      reasons: [
        { id: 'eligibility.attendance', whyNot: '上课不到80%，不能拿补贴。', clause: '云人社通〔2022〕50号 (十四)' },
      ],
    });
  });
  it('a condition the record fails refuses whatever the answers', () => {
    const blacklisted = CONDITIONS.map((c) =>
      c.id === 'eligibility.institution-standing' ? { ...c, holds: false } : c,
    );
    const r = decide(blacklisted, all, 1200);
    expect(r.kind).toBe('not-eligible');
    expect(r.kind === 'not-eligible' && r.reasons.map((x) => x.id)).toEqual(['eligibility.institution-standing']);
  });
  it('never promises an amount the class does not have', () => {
    expect(decide(CONDITIONS, all, null)).toEqual({ kind: 'not-eligible', reasons: [] });
  });
});
