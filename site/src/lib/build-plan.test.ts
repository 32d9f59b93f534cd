import { describe, expect, it } from 'vitest';
import { listsToBuild, planPages, type ChangedRecords, type PlanInput } from './build-plan';

const classes = [
  { id: 'c1', institutionId: 'i1', occupationCode: '4-01' },
  { id: 'c2', institutionId: 'i1', occupationCode: '4-02' },
  { id: 'c3', institutionId: 'i2', occupationCode: '4-01' },
  { id: 'c4', institutionId: 'i3', occupationCode: '4-03' },
];

function plan(changed: ChangedRecords, extra: Partial<PlanInput> = {}) {
  return planPages({
    changed,
    classes,
    noticeClass: new Map([['n1', 'c3']]),
    classNotices: new Map([['c4', ['n7', 'n8']]]),
    occupationCode: new Map([['o1', '4-02']]),
    agencyInstitution: new Map([['a5', 'i1']]),
    ...extra,
  });
}

const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe('planPages', () => {
  it('a published notice: its page, its class institution and that institution’s classes, and the notice lists', () => {
    const p = plan({ SubsidyNotice: ['n1'] });
    expect(sorted(p.notices)).toEqual(['n1']);
    expect(sorted(p.institutions)).toEqual(['i2']);
    expect(sorted(p.courses)).toEqual(['c3']);
    expect(sorted(p.occupations)).toEqual([]);
    expect(sorted(p.lists)).toEqual(['about', 'home', 'log', 'notices', 'subsidies', 'targets']);
    expect(p.allInstitutions).toBe(false);
  });

  it('a changed class: its page, its institution, its occupation, its notices and the course lists', () => {
    const p = plan({ Course: ['c4'] });
    expect(sorted(p.courses)).toEqual(['c4']);
    expect(sorted(p.institutions)).toEqual(['i3']);
    expect(sorted(p.occupations)).toEqual(['4-03']);
    expect(sorted(p.notices)).toEqual(['n7', 'n8']);
    expect(p.lists.has('courses')).toBe(true);
    expect(p.lists.has('notices')).toBe(false);
  });

  it('a blacklisted institution: its page, every class of it and their occupations, and the institution lists', () => {
    const p = plan({ Institution: ['i1'] });
    expect(sorted(p.institutions)).toEqual(['i1']);
    expect(sorted(p.courses)).toEqual(['c1', 'c2']);
    expect(sorted(p.occupations)).toEqual(['4-01', '4-02']);
    // The agency that also trains as this institution names it on its page.
    expect(sorted(p.agencies)).toEqual(['a5']);
    expect(sorted(p.lists)).toEqual(['about', 'courses', 'home', 'institutions', 'log', 'subsidies', 'targets']);
  });

  it('a directory entry added: the occupation page and its classes (their subsidy), the directory and occupation lists', () => {
    const p = plan({ DirectoryEntry: ['d9'], Occupation: ['o1'] });
    expect(sorted(p.occupations)).toEqual(['4-02']);
    expect(sorted(p.courses)).toEqual(['c2']);
    expect(sorted(p.institutions)).toEqual([]);
    expect(sorted(p.lists)).toEqual(['about', 'courses', 'directory', 'home', 'log', 'occupations']);
  });

  it('an agency: its page and the agency lists only', () => {
    const p = plan({ EvaluationAgency: ['a1'] });
    expect(sorted(p.agencies)).toEqual(['a1']);
    expect(p.courses.size + p.institutions.size + p.notices.size + p.occupations.size).toBe(0);
  });

  it('a target figure: every institution page and the targets page', () => {
    const p = plan({ AnnualTarget: ['t1'] });
    expect(p.allInstitutions).toBe(true);
    expect(p.lists.has('targets')).toBe(true);
  });

  it('a notice whose class the build does not know plans the notice alone', () => {
    const p = plan({ SubsidyNotice: ['n2'] });
    expect(sorted(p.notices)).toEqual(['n2']);
    expect(p.institutions.size + p.courses.size).toBe(0);
  });
});

describe('listsToBuild', () => {
  it('nothing changed: nothing to build', () => {
    expect(listsToBuild({}).size).toBe(0);
    expect(listsToBuild({ Course: [] }).size).toBe(0);
  });

  it("a witness's cosignature: only /log/, where the witnesses are listed", () => {
    expect([...listsToBuild({ LogCheckpoint: ['TG9nQ2hlY2twb2ludDoxMg'] })]).toEqual(['log']);
  });

  it('a target figure: /log/ among the lists (every figure is logged)', () => {
    expect([...listsToBuild({ AnnualTarget: ['QW5udWFsVGFyZ2V0OjE'] })].sort()).toEqual([
      'about',
      'home',
      'log',
      'targets',
    ]);
  });
});
