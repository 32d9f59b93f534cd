import { describe, expect, it } from 'vitest';
import {
  canonicalRevision,
  revisionHash,
  sha256Hex,
  verifyChain,
  type RevisionContent,
  type StoredRevision,
} from './notice-revision.rules';

const first: RevisionContent = {
  notice: {
    number: '（演示）五华人社培公〔2026〕第1号',
    title: '培训补贴人员名单的公示',
    bureau: '530102',
    classNumber: 'KB2026-530102-00001',
    publishedOn: '2026-11-16',
    objectionUntil: '2026-11-20',
  },
  revision: 1,
  publishedOn: '2026-11-16',
  reason: null,
  previousSha256: null,
  lines: [
    {
      seq: 2,
      maskedName: '李**',
      maskedId: '530102********0021',
      occupationCode: '4-10-01-05',
      level: 'LEVEL_5',
      certificateNumber: null,
      attendanceRate: 0.75,
      amount: 0,
    },
    {
      seq: 1,
      maskedName: '张*',
      maskedId: '530102********123X',
      occupationCode: '4-10-01-05',
      level: 'LEVEL_5',
      certificateNumber: 'S2026530000001001',
      attendanceRate: 0.9,
      amount: 1200,
    },
  ],
};

function chain(): StoredRevision[] {
  const one = { content: first, sha256: revisionHash(first) };
  const secondContent: RevisionContent = {
    ...first,
    revision: 2,
    publishedOn: '2026-11-19',
    reason: '第2行出勤率核定有误，更正为0.8',
    previousSha256: one.sha256,
    lines: first.lines.map((l) =>
      l.seq === 2 ? { ...l, attendanceRate: 0.8, certificateNumber: 'S2026530000001002', amount: 1200 } : l,
    ),
  };
  return [one, { content: secondContent, sha256: revisionHash(secondContent) }];
}

describe('canonical JSON (RFC 8785) and its SHA-256', () => {
  it('sorts keys, drops white space and puts lines in line order', () => {
    const text = canonicalRevision(first);
    expect(
      text.startsWith(
        '{"lines":[{"amount":1200,"attendanceRate":0.9,"certificateNumber":"S2026530000001001","level":"LEVEL_5"',
      ),
    ).toBe(true);
    expect(text).not.toMatch(/\s(?=["{}[\]])/);
    expect(text.indexOf('"seq":1')).toBeLessThan(text.indexOf('"seq":2'));
  });

  it('gives the same bytes whatever the order of keys and lines', () => {
    const shuffled = JSON.parse(
      JSON.stringify({
        revision: 1,
        lines: [...first.lines].reverse(),
        previousSha256: null,
        reason: null,
        publishedOn: '2026-11-16',
        notice: first.notice,
      }),
    );
    expect(canonicalRevision(shuffled)).toBe(canonicalRevision(first));
    expect(revisionHash(shuffled)).toBe(revisionHash(first));
  });

  it('is SHA-256 of the UTF-8 text, as sha256sum computes it', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(revisionHash(first)).toBe(sha256Hex(canonicalRevision(first)));
    expect(revisionHash(first)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the revision chain', () => {
  it('holds for revisions published in order', () => {
    expect(verifyChain(chain())).toEqual([]);
  });

  it('catches a line edited after publication', () => {
    const c = chain();
    c[0].content.lines[1] = { ...c[0].content.lines[1], amount: 2400 };
    expect(verifyChain(c).map((p) => [p.revision, p.rule])).toEqual([[1, 'revision.hash']]);
  });

  it('catches a revision whose link to the previous one was changed', () => {
    const c = chain();
    c[1] = { ...c[1], content: { ...c[1].content, previousSha256: '0'.repeat(64) } };
    c[1].sha256 = revisionHash(c[1].content);
    expect(verifyChain(c).map((p) => p.rule)).toEqual(['revision.link']);
  });

  it('catches a deleted revision', () => {
    const c = chain();
    expect(verifyChain([c[1]]).map((p) => p.rule)).toEqual(['revision.sequence', 'revision.link']);
  });

  it('catches a reason rewritten after publication', () => {
    const c = chain();
    c[1].content.reason = '更正';
    expect(verifyChain(c)).toHaveLength(1);
    expect(verifyChain(c)[0].message).toMatch(/content changed after publication/);
  });
});
