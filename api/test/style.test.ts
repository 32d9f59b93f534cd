/**
 * One formatter and linter (Biome, configured in /biome.json) over the whole repository. The
 * same check runs first in `npm test` (`npm run lint`); here it runs on the real tree, and on
 * planted sources fed through stdin, to show that each house rule catches its break.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
const BIOME = path.join(REPO, 'node_modules/.bin/biome');

/** Runs Biome in `cwd` (the repository root unless given). */
function biome(args: string[], cwd = REPO): { status: number | null; output: string } {
  const run = spawnSync(BIOME, [...args, '--colors=off'], { cwd, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Runs `fn` in a fresh directory holding a copy of the repository's biome.json and `files`. */
function planted<T>(files: Record<string, string>, fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'style-'));
  try {
    fs.copyFileSync(path.join(REPO, 'biome.json'), path.join(dir, 'biome.json'));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The rules Biome's linter reports for one planted file at `file` (a path as in the repository). */
function lintRules(file: string, source: string): string[] {
  const { output } = planted({ [file]: source }, (dir) =>
    biome(['lint', '--vcs-enabled=false', '--error-on-warnings', '.'], dir),
  );
  return [...new Set(output.match(/lint\/[a-zA-Z]+\/[a-zA-Z]+/g) ?? [])].sort();
}

const fn = (name: string, lines: number) =>
  `export function ${name}(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(lines - 2)}  return n;\n}\n`;

describe('formatter and linter', () => {
  it('the repository passes: formatted, and no lint error or warning', () => {
    const run = biome(['ci', '--error-on-warnings', '.']);
    expect(
      run.output.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l)),
      run.output,
    ).toEqual([]);
    expect(run.status).toBe(0);
  }, 60_000);

  it('refuses a function over 150 lines and a source file over 600 lines', () => {
    expect(lintRules('api/src/planted/short.ts', fn('short', 150))).toEqual([]);
    expect(lintRules('api/src/planted/long.ts', fn('long', 152))).toEqual([
      'lint/complexity/noExcessiveLinesPerFunction',
    ]);
    const many = Array.from({ length: 8 }, (_, i) => fn(`part${i}`, 80)).join('\n');
    expect(many.split('\n').length).toBeGreaterThan(600);
    expect(lintRules('api/src/planted/big.ts', many)).toEqual(['lint/style/noExcessiveLinesPerFile']);
  });

  it('refuses an explicit any in the sources, and allows it in tests', () => {
    const source = 'export const read = (body: any): string => String(body);\n';
    expect(lintRules('api/src/planted/any.ts', source)).toEqual(['lint/suspicious/noExplicitAny']);
    expect(lintRules('api/test/planted.test.ts', source)).toEqual([]);
  });

  it('refuses an unused import outside .astro files', () => {
    const source = "import { join } from 'node:path';\nexport const x = 1;\n";
    expect(lintRules('api/src/planted/unused.ts', source)).toEqual(['lint/correctness/noUnusedImports']);
  });

  it('refuses a file the formatter would change, and names it', () => {
    const ci = (dir: string) => biome(['ci', '--vcs-enabled=false', '.'], dir);
    const tidy = planted({ 'api/src/tidy.ts': 'export const sum = (a: number, b: number) => a + b;\n' }, ci);
    expect(tidy.status, tidy.output).toBe(0);
    const messy = planted({ 'api/src/messy.ts': 'export const  sum=(a:number,b:number)=>{return a+b}\n' }, ci);
    expect(messy.status).not.toBe(0);
    expect(messy.output).toMatch(/messy\.ts format/);
  });
});
