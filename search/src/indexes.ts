import type { Settings } from 'meilisearch';
import type { IndexName } from './vocabulary';

/** One index: its uid, primary key and settings. */
export interface IndexDefinition {
  uid: IndexName;
  primaryKey: string;
  /** Fields shown as a hit's title. */
  titleField: string;
  /** Chinese fields, tokenised as Mandarin (`cmn`); pinyin and codes are not. */
  chineseFields: string[];
  /** Joined-pinyin fields the homophone fallback matches against. */
  pinyinFields: string[];
  settings: Settings;
}

const RANKING = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];

/** Shared by every index: Chinese fields first, pinyin below them, typos as Meilisearch allows. */
function settings(
  chinese: string[],
  latin: string[],
  filterable: string[],
  sortable: string[],
  extra: Settings = {},
): Settings {
  return {
    searchableAttributes: [...chinese, ...latin],
    filterableAttributes: filterable,
    sortableAttributes: sortable,
    rankingRules: RANKING,
    localizedAttributes: [{ attributePatterns: chinese, locales: ['cmn'] }],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    pagination: { maxTotalHits: 10_000 },
    faceting: { maxValuesPerFacet: 200 },
    ...extra,
  };
}

/**
 * Every index, in the order of searchable attributes (rank order: the official name, then the
 * colloquial aliases, then place and institution names, then pinyin). Synonyms are added by
 * `withSynonyms` from data/colloquial-occupations.csv.
 */
export const INDEXES: Record<IndexName, IndexDefinition> = {
  courses: {
    uid: 'courses',
    primaryKey: 'id',
    titleField: 'title',
    // Places rank above aliases: 普洱 is a 州市 before it is the 普洱茶 of 茶叶加工工.
    chineseFields: [
      'occupationName',
      'title',
      'prefectureName',
      'countyName',
      'aliases',
      'institutionName',
      'programmeName',
    ],
    pinyinFields: ['occupationPinyinJoined', 'institutionPinyinJoined'],
    settings: settings(
      ['occupationName', 'title', 'prefectureName', 'countyName', 'aliases', 'institutionName', 'programmeName'],
      [
        'occupationPinyinJoined',
        'occupationPinyin',
        'occupationInitials',
        'aliasesPinyin',
        'institutionPinyinJoined',
        'institutionInitials',
        'classNumber',
        'occupationCode',
      ],
      [
        'regionCodes',
        'occupationCode',
        'occupationLabel',
        'level',
        'certificateType',
        'mode',
        'category',
        'startDay',
        'endDay',
        'closesDay',
        'placesLeft',
        'startMonth',
        'programme',
        'targetGroups',
        'subsidised',
        'institutionType',
        'institutionId',
        'acceptsVouchers',
        'cancelled',
        'isDemo',
        'prefectureCode',
        'countyCode',
      ],
      ['startDay', 'subsidyPerTrainee', 'feeYuan'],
    ),
  },
  occupations: {
    uid: 'occupations',
    primaryKey: 'id',
    titleField: 'name',
    chineseFields: ['name', 'aliases', 'groups'],
    pinyinFields: ['namePinyinJoined'],
    settings: settings(
      ['name', 'aliases', 'groups'],
      ['namePinyinJoined', 'namePinyin', 'nameInitials', 'aliasesPinyin', 'code'],
      ['majorGroup', 'certificateTypes', 'hasNationalStandard', 'directoryYears', 'inDirectory'],
      ['code'],
    ),
  },
  institutions: {
    uid: 'institutions',
    primaryKey: 'id',
    titleField: 'name',
    chineseFields: ['name', 'prefectureName', 'countyName'],
    pinyinFields: ['namePinyinJoined'],
    settings: settings(
      ['name', 'prefectureName', 'countyName'],
      ['namePinyinJoined', 'namePinyin', 'nameInitials', 'creditCode'],
      ['regionCodes', 'type', 'isDemo', 'blacklistedFromDay', 'blacklistedUntilDay', 'licenceRevokedDay'],
      ['id'],
    ),
  },
  agencies: {
    uid: 'agencies',
    primaryKey: 'id',
    titleField: 'name',
    chineseFields: ['name', 'occupationNames', 'prefectureName', 'countyName'],
    pinyinFields: ['namePinyinJoined'],
    settings: settings(
      ['name', 'occupationNames', 'prefectureName', 'countyName'],
      ['namePinyinJoined', 'namePinyin', 'nameInitials'],
      ['regionCodes', 'type', 'occupationCodes', 'levels', 'alsoTrains', 'isDemo'],
      ['id'],
    ),
  },
  notices: {
    uid: 'notices',
    primaryKey: 'id',
    titleField: 'title',
    chineseFields: ['title', 'bureauName', 'occupationName', 'number', 'institutionName'],
    pinyinFields: [],
    settings: settings(
      ['title', 'number', 'bureauName', 'institutionName', 'occupationName'],
      [],
      [
        'regionCodes',
        'withdrawn',
        'objectionUntilDay',
        'publishedDay',
        'institutionId',
        'institutionLabel',
        'flags',
        'flagged',
        'isDemo',
      ],
      ['publishedDay', 'totalAmount'],
    ),
  },
};

/** Index names in a stable order. */
export const INDEX_NAMES = Object.keys(INDEXES) as IndexName[];

/**
 * The document fields a list of hits shows (the API's `SearchHit`): primary key, global id and
 * title; what a search asks Meilisearch to return when nothing else is read from the hits.
 * @example hitFields('courses') // ['id', 'globalId', 'title']
 */
export function hitFields(name: IndexName): string[] {
  const def = INDEXES[name];
  return [def.primaryKey, 'globalId', def.titleField];
}
