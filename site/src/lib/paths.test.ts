import { describe, expect, it } from 'vitest';
import { pageAddress, pageFiles, recordPages } from './paths';

describe('recordPages', () => {
  it('names each class and notice page in both languages, Chinese without a prefix', () => {
    expect(recordPages({ courses: ['Q291cnNlOjE'], notices: ['U3Vic2lkeU5vdGljZTox'] })).toEqual([
      '/courses/Q291cnNlOjE/',
      '/notices/U3Vic2lkeU5vdGljZTox/',
      '/en/courses/Q291cnNlOjE/',
      '/en/notices/U3Vic2lkeU5vdGljZTox/',
    ]);
  });

  it('refuses an ID that would leave its folder', () => {
    expect(() => recordPages({ courses: ['../x'], notices: [] })).toThrow(/Course id/);
  });

  it('gives nothing for no records', () => {
    expect(recordPages({ courses: [], notices: [] })).toEqual([]);
  });
});

describe('pageFiles and pageAddress', () => {
  it("name a route's page x/y.html, an index route's x/y/index.html, and map back", () => {
    expect(pageFiles('/')).toEqual(['index.html']);
    expect(pageFiles('/en/courses/A1b_2/')).toEqual(['en/courses/A1b_2.html', 'en/courses/A1b_2/index.html']);
    const cases = [
      ['/', 'index.html'],
      ['/en/', 'en/index.html'],
      ['/courses/', 'courses/index.html'],
      ['/about/', 'about.html'],
      ['/en/courses/A1b_2/', 'en/courses/A1b_2.html'],
      ['/institutions/region/530100/page/2/', 'institutions/region/530100/page/2.html'],
    ];
    for (const [address, file] of cases) {
      expect(pageFiles(address)).toContain(file);
      expect(pageAddress(file)).toBe(address);
    }
  });

  it('refuse what is not a page', () => {
    expect(() => pageFiles('/notices/feed.xml')).toThrow(/feed\.xml/);
    expect(() => pageFiles('courses/')).toThrow();
    expect(() => pageAddress('sitemap-0.xml')).toThrow(/sitemap-0\.xml/);
  });
});
