import { describe, expect, it } from 'vitest';
import {
  toAgencyDocument,
  toCourseDocument,
  toInstitutionDocument,
  toNoticeDocument,
  toOccupationDocument,
} from './documents';
import { INDEXES } from './indexes';
import { dayNumber, INDEX_FIELDS } from './vocabulary';

const course = {
  id: 7,
  globalId: 'Q291cnNlOjc',
  classNumber: 'KB2022-530102-00007',
  title: '养老护理员（四级）培训班',
  occupation: { code: '4-10-01-05', name: '养老护理员', aliases: ['护工'] },
  certificateType: 'SKILL_LEVEL',
  level: 'LEVEL_4',
  category: 'SKILLS',
  mode: 'OFFLINE',
  institution: { id: 1001, name: '昆明市五华区某职业培训学校', type: 'PRIVATE_TRAINING_INSTITUTION' },
  county: { code: '530102', name: '五华区' },
  prefecture: { code: '530100', name: '昆明市' },
  startDate: '2022-03-01',
  endDate: '2022-04-10',
  programme: { key: 'KANGYANG', name: '康养云师傅' },
  targetGroups: ['POVERTY_ALLEVIATED'],
  subsidyPerTrainee: 1200,
  feeYuan: 0,
  acceptsVouchers: true,
  capacity: 40,
  enrolled: 31,
  enrolmentCloses: '2022-02-25',
  cancelled: false,
  isDemo: true,
};

describe('documents', () => {
  it('index a course with region codes up to the province, day numbers and pinyin', () => {
    const d = toCourseDocument(course);
    expect(d.regionCodes).toEqual(['530102', '530100', '530000']);
    expect(d.startDay).toBe(dayNumber('2022-03-01'));
    expect(d.startMonth).toBe('2022-03');
    expect(d.occupationPinyinJoined).toBe('yanglaohuliyuan');
    expect(d.occupationInitials).toBe('ylhly');
    expect(d.subsidised).toBe(true);
  });

  it('index what a course status is computed from, never the status itself (it changes with the day)', () => {
    const d = toCourseDocument(course);
    expect([d.startDay, d.endDay, d.closesDay, d.placesLeft, d.cancelled]).toEqual([
      dayNumber('2022-03-01'),
      dayNumber('2022-04-10'),
      dayNumber('2022-02-25'),
      9,
      false,
    ]);
    expect(toCourseDocument({ ...course, enrolled: 45 }).placesLeft).toBe(0);
    expect(Object.keys(d)).not.toContain('status');
    for (const attr of ['startDay', 'endDay', 'closesDay', 'placesLeft', 'cancelled'])
      expect(INDEXES.courses.settings.filterableAttributes).toContain(attr);
    expect(INDEXES.courses.settings.sortableAttributes).toContain('startDay');
  });

  it('carry every attribute the index settings name', () => {
    const docs = {
      courses: toCourseDocument(course),
      occupations: toOccupationDocument({
        code: '4-10-01-05',
        globalId: 'x',
        name: '养老护理员',
        aliases: ['护工'],
        groups: ['a'],
        certificateTypes: ['SKILL_LEVEL'],
        hasNationalStandard: true,
        directoryYears: [2022],
      }),
    } as const;
    for (const [name, doc] of Object.entries(docs)) {
      const s = INDEXES[name as keyof typeof docs].settings;
      for (const attr of [
        ...(s.searchableAttributes ?? []),
        ...(s.filterableAttributes as string[]),
        ...(s.sortableAttributes ?? []),
      ]) {
        expect(Object.keys(doc), `${name}.${attr}`).toContain(attr);
      }
    }
  });

  it('never put personal data in a notice document', () => {
    const d = toNoticeDocument({
      id: 1,
      globalId: 'x',
      number: '（演示）五华人社培公〔2022〕第1号',
      title: '培训补贴公示',
      bureau: { code: '530102', name: '五华区' },
      prefecture: { code: '530100', name: '昆明市' },
      publishedOn: '2022-05-01',
      objectionUntil: '2022-05-09',
      withdrawn: false,
      totalAmount: 36000,
      lineCount: 30,
      occupationName: '养老护理员',
      institution: { id: 'SW5zdGl0dXRpb246MTAw', name: '昆明市五华区演示职业培训学校' },
      flags: ['flag.late-claim'],
      isDemo: true,
    });
    expect(Object.keys(d).sort()).toEqual([
      'bureauName',
      'flagged',
      'flags',
      'globalId',
      'id',
      'institutionId',
      'institutionLabel',
      'institutionName',
      'isDemo',
      'lineCount',
      'number',
      'objectionUntil',
      'objectionUntilDay',
      'occupationName',
      'publishedDay',
      'publishedOn',
      'regionCodes',
      'title',
      'totalAmount',
      'withdrawn',
    ]);
    expect([d.institutionLabel, d.flags, d.flagged]).toEqual([
      'SW5zdGl0dXRpb246MTAw 昆明市五华区演示职业培训学校',
      ['flag.late-claim'],
      true,
    ]);
  });

  it('have exactly the fields the vocabulary names, so the finders can rely on its names', () => {
    const place = { county: { code: '530102', name: '五华区' }, prefecture: { code: '530100', name: '昆明市' } };
    const docs = {
      courses: toCourseDocument(course),
      occupations: toOccupationDocument({
        code: '4-10-01-05',
        globalId: 'x',
        name: '养老护理员',
        aliases: [],
        groups: [],
        certificateTypes: [],
        hasNationalStandard: null,
        directoryYears: [],
      }),
      institutions: toInstitutionDocument({
        id: 1,
        globalId: 'x',
        name: '某学校',
        type: 'TECHNICIAN_COLLEGE',
        creditCode: null,
        ...place,
        blacklistedFrom: null,
        blacklistedUntil: null,
        licenceRevokedOn: null,
        isDemo: true,
      }),
      agencies: toAgencyDocument({
        id: 1,
        globalId: 'x',
        name: '某机构',
        type: 'SOCIAL_EVALUATION_ORG',
        ...place,
        occupationCodes: [],
        occupationNames: [],
        levels: [],
        alsoTrains: false,
        isDemo: true,
      }),
      notices: toNoticeDocument({
        id: 1,
        globalId: 'x',
        number: '1',
        title: 't',
        bureau: place.county,
        prefecture: place.prefecture,
        publishedOn: '2022-05-01',
        objectionUntil: '2022-05-09',
        withdrawn: false,
        totalAmount: 0,
        lineCount: 0,
        occupationName: null,
        institution: null,
        flags: [],
        isDemo: true,
      }),
    };
    for (const [name, doc] of Object.entries(docs)) {
      expect(Object.keys(doc).sort(), name).toEqual(Object.keys(INDEX_FIELDS[name as keyof typeof docs]).sort());
    }
  });
});
