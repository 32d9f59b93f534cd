export * from './documents';
export * from './filters';
export * from './http-client';
export * from './indexes';
export * from './meili-process';
export * from './pinyin';
export * from './search-service';
export * from './synonyms';
