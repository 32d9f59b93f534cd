import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { failureLine, UsageError } from './cli-errors';
import { readTestFiles, renderRulesDoc, ruleSections, rulesWithoutTests } from './rules-doc-render';

/** The repository root: three folders up from api/src/cli (or api/dist/cli once compiled). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where the page goes. */
const RULES_DOC = path.join(REPO_ROOT, 'docs', 'rules.md');

const USAGE = `Usage: npm run docs:rules [-- --check]

Writes docs/rules.md from the rule tables and the hand-kept entries (api/src/cli/rules-doc-entries-*.ts).
  --check   write nothing; fail when docs/rules.md is stale or a rule has no test`;

/** `npm run docs:rules`: writes (or with `--check` verifies) docs/rules.md. */
function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return void console.log(USAGE);
  const files = readTestFiles(REPO_ROOT);
  const page = renderRulesDoc(files);
  const untested = rulesWithoutTests(ruleSections(), files);
  if (untested.length) console.error(`[docs:rules] rules no test file mentions:\n  ${untested.join('\n  ')}`);
  if (values.check) {
    const current = fs.existsSync(RULES_DOC) ? fs.readFileSync(RULES_DOC, 'utf8') : '';
    if (current !== page) throw new UsageError('docs/rules.md is stale: run `npm run docs:rules`');
    if (untested.length) throw new UsageError(`${untested.length} rule(s) without a test`);
    return void console.log('[docs:rules] docs/rules.md is current');
  }
  fs.mkdirSync(path.dirname(RULES_DOC), { recursive: true });
  fs.writeFileSync(RULES_DOC, page);
  console.log(`[docs:rules] wrote ${path.relative(REPO_ROOT, RULES_DOC)} (${page.split('\n').length} lines)`);
}

try {
  main();
} catch (e) {
  console.error(`[docs:rules] ${failureLine(e)}`);
  process.exit(1);
}
