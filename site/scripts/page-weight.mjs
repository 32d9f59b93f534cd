#!/usr/bin/env node
/**
 * Page weights of a built site, as a phone downloads them: each page's HTML plus the CSS and
 * JavaScript it references (following the scripts' own imports), gzip-compressed at level 6
 * like a typical server, fonts excluded (the site has none). Used by the browser tests (the
 * budgets) and the build benchmark (BENCHMARKS.md).
 *
 * Usage: node site/scripts/page-weight.mjs <built-site-dir>
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const gz = (buf) => zlib.gzipSync(buf, { level: 6 }).length;

/** Local assets a page references (`/_astro/…` stylesheets and module scripts). */
function assetsOf(html) {
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="(\/[^"]+)"/g)].map((m) => m[1]);
  const js = [...html.matchAll(/<script[^>]+src="(\/[^"]+)"/g)].map((m) => m[1]);
  return { css, js };
}

/** A script and every script it imports, each once. */
function scriptClosure(root, entries) {
  const seen = new Set();
  const walk = (url) => {
    if (seen.has(url)) return;
    seen.add(url);
    const code = fs.readFileSync(path.join(root, url), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      walk(path.posix.join(path.posix.dirname(url), m[1]));
    }
  };
  entries.forEach(walk);
  return [...seen];
}

/**
 * The weight of one page: bytes gzip-compressed, split by kind.
 * @param {string} root the built site
 * @param {string} page a page's file such as `courses/index.html` (see pageFiles in src/lib/paths.ts)
 * @returns {{ page: string, html: number, css: number, js: number, total: number }}
 */
export function weighPage(root, page) {
  const html = fs.readFileSync(path.join(root, page));
  const { css, js } = assetsOf(html.toString('utf8'));
  const cssBytes = css.reduce((sum, url) => sum + gz(fs.readFileSync(path.join(root, url))), 0);
  const jsBytes = scriptClosure(root, js).reduce((sum, url) => sum + gz(fs.readFileSync(path.join(root, url))), 0);
  const htmlBytes = gz(html);
  return { page, html: htmlBytes, css: cssBytes, js: jsBytes, total: htmlBytes + cssBytes + jsBytes };
}

/**
 * The budgets' page types: the heaviest course page (of every course page, both languages),
 * the search page (/courses/), the compare page and the home page.
 * @param {string} root the built site
 * @example pageWeights('.data/site').course.total // 14210
 */
export function pageWeights(root) {
  let course = null;
  let courses = 0;
  for (const prefix of ['courses', 'en/courses']) {
    const dir = path.join(root, prefix);
    // A class's page is courses/<id>.html; the folders beside them hold the list's other pages.
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.html') || entry.name === 'index.html') continue;
      const file = path.join(prefix, entry.name);
      courses += 1;
      // HTML dominates and all course pages share their CSS and JS: weigh the largest file.
      if (!course || fs.statSync(path.join(root, file)).size > course.size)
        course = { file, size: fs.statSync(path.join(root, file)).size };
    }
  }
  if (!course) throw new Error(`no course pages under ${root}`);
  return {
    coursePages: courses,
    course: weighPage(root, course.file),
    search: weighPage(root, 'courses/index.html'),
    compare: weighPage(root, 'compare.html'),
    home: weighPage(root, 'index.html'),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const root = process.argv[2];
  if (!root) {
    console.error('usage: node site/scripts/page-weight.mjs <built-site-dir>');
    process.exit(2);
  }
  const w = pageWeights(root);
  const kb = (n) => (n / 1024).toFixed(1);
  console.log('| page | HTML | CSS | JS | total (KB gzip) |\n|---|---:|---:|---:|---:|');
  for (const [name, p] of Object.entries(w)) {
    if (typeof p === 'number') continue;
    console.log(`| ${name} (${p.page}) | ${kb(p.html)} | ${kb(p.css)} | ${kb(p.js)} | ${kb(p.total)} |`);
  }
}
