import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesUnder, mergeSlice } from './site-builder';

describe('mergeSlice', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-slice-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("moves the slice's pages in, keeps what the build has, and leaves server modules behind", async () => {
    write('next/index.html', 'home');
    write('next/courses/index.html', 'course list');
    write('next/courses/page/2.html', 'course list, page 2');
    write('next/en/courses/index.html', 'course list (en)');
    write('next/_astro/site.css', 'css of the rest');
    write('slice/courses/A.html', 'class A');
    write('slice/en/courses/A.html', 'class A (en)');
    write('slice/notices/N.html', 'notice N');
    write('slice/_astro/site.css', 'css of the slice');
    write('slice/_astro/only-here.js', 'js');
    write('slice/chunks/pages/x.mjs', 'server module');
    write('slice/manifest_1.mjs', 'server manifest');
    await mergeSlice(path.join(dir, 'slice'), path.join(dir, 'next'));
    expect(await filesUnder(path.join(dir, 'next'))).toEqual([
      '_astro/only-here.js',
      '_astro/site.css',
      'courses/A.html',
      'courses/index.html',
      'courses/page/2.html',
      'en/courses/A.html',
      'en/courses/index.html',
      'index.html',
      'notices/N.html',
    ]);
    expect(read('next/_astro/site.css')).toBe('css of the rest');
    expect(read('next/en/courses/A.html')).toBe('class A (en)');
    // Nothing was copied: the pages left the slice.
    expect(fs.existsSync(path.join(dir, 'slice/courses/A.html'))).toBe(false);
  });
});
