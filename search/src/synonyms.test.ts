import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readColloquialTerms, toSynonyms } from './synonyms';

const DATA = path.resolve(__dirname, '../../data');
const FILE = path.join(DATA, 'colloquial-occupations.csv');
const KINDS = ['colloquial', 'trade', 'regional', 'new-economy', 'english'];

describe('data/colloquial-occupations.csv', () => {
  const terms = readColloquialTerms(FILE);
  const official = new Map(
    fs
      .readFileSync(path.join(DATA, 'occupations.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map(([code, name]) => [code, name]),
  );

  it('has at least 80 entries', () => {
    expect(terms.length).toBeGreaterThanOrEqual(80);
  });

  it('names a real occupation of the 2022 classification, with its exact name, in every row', () => {
    for (const t of terms) {
      expect(official.get(t.occupationCode), `${t.term} → ${t.occupationCode}`).toBe(t.occupationName);
    }
  });

  it('uses known kinds, no quotes or stray commas, and no repeated term-occupation pair', () => {
    const lines = fs.readFileSync(FILE, 'utf8').trim().split('\n');
    for (const line of lines) {
      expect(line.split(',').length, line).toBe(5);
      expect(line).not.toContain('"');
    }
    for (const t of terms) expect(KINDS, t.term).toContain(t.kind);
    const pairs = terms.map((t) => `${t.term}|${t.occupationCode}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('becomes one-way synonyms from the word to the official name', () => {
    const s = toSynonyms(terms);
    expect(s['厨师']).toContain('中式烹调师');
    expect(s['电焊']).toContain('焊工');
    // A word that is an official name itself (兽医) may only widen the search to a kindred occupation, never to itself.
    expect(terms.filter((t) => t.term === t.occupationName)).toEqual([]);
  });
});
