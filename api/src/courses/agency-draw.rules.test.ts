import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  drawAgency,
  drawText,
  eligibleAgencies,
  DRAW_RULE_VERSION,
  type DrawInputs,
  type ScopeFact,
} from './agency-draw.rules';

const scope = (agencyId: number, over: Partial<ScopeFact> = {}): ScopeFact => ({
  agencyId,
  name: `评价机构${agencyId}`,
  institutionId: null,
  occupationCode: '4-10-01-05',
  level: 'LEVEL_4',
  recordedFrom: '2022-01-01',
  recordedUntil: null,
  ...over,
});
const cls = {
  occupationCode: '4-10-01-05',
  level: 'LEVEL_4',
  examDate: '2026-12-20',
  trainerInstitutionId: 7,
  exemption: false,
};

describe('50号 (十一): who may be drawn', () => {
  it('agencies recorded for the occupation and level on the exam date, not the trainer, each once, by id', () => {
    const scopes = [
      scope(5),
      scope(3),
      scope(3, { recordedFrom: '2023-01-01' }),
      scope(9, { level: 'LEVEL_3' }),
      scope(8, { occupationCode: '4-10-01-06' }),
      scope(4, { recordedUntil: '2026-12-19' }),
      scope(6, { recordedFrom: '2026-12-21' }),
      scope(2, { institutionId: 7 }),
    ];
    expect(eligibleAgencies(scopes, cls).map((c) => c.agencyId)).toEqual([3, 5]);
    // 考培结合 with the sole-agency exemption: the trainer's own agency may assess.
    expect(eligibleAgencies(scopes, { ...cls, exemption: true }).map((c) => c.agencyId)).toEqual([2, 3, 5]);
  });
});

describe('the draw', () => {
  const inputs: DrawInputs = {
    rule: DRAW_RULE_VERSION,
    classNumber: 'KB2026-530102-00001',
    occupationCode: '4-10-01-05',
    level: 'LEVEL_4',
    examDate: '2026-12-20',
    drawnOn: '2026-11-22',
    beacon: 'a'.repeat(64),
    eligible: [
      { agencyId: 5, name: '评价机构5' },
      { agencyId: 3, name: '评价机构3' },
      { agencyId: 11, name: '评价机构11' },
    ],
  };
  it('is the SHA-256 of the canonical inputs, mod n: anyone can repeat it', () => {
    const d = drawAgency(inputs);
    const seed = crypto.createHash('sha256').update(drawText(inputs)).digest('hex');
    expect(d.seed).toBe(seed);
    expect(d.index).toBe(Number(BigInt(`0x${seed}`) % 3n));
    expect(d.chosen).toEqual(
      [{ agencyId: 3 }, { agencyId: 5 }, { agencyId: 11 }].map((x) =>
        inputs.eligible.find((e) => e.agencyId === x.agencyId),
      )[d.index],
    );
    // The order the list was given in does not matter; any other input does.
    expect(drawAgency({ ...inputs, eligible: [...inputs.eligible].reverse() }).seed).toBe(d.seed);
    expect(drawAgency({ ...inputs, beacon: 'b'.repeat(64) }).seed).not.toBe(d.seed);
  });

  it('spreads evenly over the eligible agencies', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[drawAgency({ ...inputs, classNumber: `KB2026-530102-${i}` }).index]++;
    for (const c of counts) expect(c).toBeGreaterThan(900);
  });

  it('refuses to draw from nobody', () => {
    expect(() => drawAgency({ ...inputs, eligible: [] })).toThrow(/no eligible agency/);
  });
});
