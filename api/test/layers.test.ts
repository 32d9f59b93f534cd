/**
 * The layers the README draws, checked on the real sources with dependency-cruiser and the
 * rules in api/.dependency-cruiser.cjs; a planted project shows each rule catches its break.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type IFlattenedRuleSet, type IViolation } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../..');
// The tool's own config format is CommonJS.
const load = createRequire(__filename);
const config = load('../.dependency-cruiser.cjs') as {
  forbidden: IFlattenedRuleSet['forbidden'];
  options: Record<string, unknown>;
};

/** Every violation of the layer rules in `dirs` (paths relative to `baseDir`), as "rule: from → to". */
async function violations(baseDir: string, dirs: string[]): Promise<string[]> {
  const result = await cruise(dirs, {
    ...config.options,
    baseDir,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  });
  if (typeof result.output === 'string') throw new Error('dependency-cruiser answered text, not a result');
  return result.output.summary.violations.map(
    (v: IViolation) => `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ' (cycle)' : ''}`,
  );
}

describe('layers', () => {
  it('api/src and site/src hold no import cycle and no import against the layers', async () => {
    expect(await violations(REPO, ['api/src', 'site/src'])).toEqual([]);
  }, 60_000);

  const planted = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  afterAll(() => fs.rmSync(planted, { recursive: true, force: true }));

  it('reports a planted cycle and each planted import against the layers', async () => {
    const files: Record<string, string> = {
      // common/ reaching up into graphql/, which reaches back: a break of the floor and a cycle.
      'api/src/common/dates.ts': "import { problem } from '../graphql/errors';\nexport const today = problem;\n",
      'api/src/graphql/errors.ts': "import { today } from '../common/dates';\nexport const problem = () => today;\n",
      // graphql/ importing a domain folder.
      'api/src/graphql/context.ts':
        "import { Course } from '../courses/course.entity';\nexport type Context = Course;\n",
      'api/src/courses/course.entity.ts': 'export class Course {}\n',
      // A rules file importing an entity (not common/, not rules).
      'api/src/courses/course.rules.ts':
        "import { Course } from './course.entity';\nexport const ok = (c: Course) => Boolean(c);\n",
      // A rules file importing another folder's rules and common/: allowed.
      'api/src/subsidies/subsidy.rules.ts':
        "import { ok } from '../courses/course.rules';\nimport { today } from '../common/dates';\nexport const both = [ok, today];\n",
      // The site importing the API's sources.
      'site/src/lib/status.ts':
        "import { ok } from '../../../api/src/courses/course.rules';\nexport const status = ok;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(planted, file)), { recursive: true });
      fs.writeFileSync(path.join(planted, file), text);
    }
    const found = await violations(planted, ['api/src', 'site/src']);
    expect(found).toEqual(
      expect.arrayContaining([
        'no-cycle: api/src/common/dates.ts → api/src/graphql/errors.ts (cycle)',
        'common-is-the-floor: api/src/common/dates.ts → api/src/graphql/errors.ts',
        'graphql-below-domains: api/src/graphql/context.ts → api/src/courses/course.entity.ts',
        'rules-are-pure: api/src/courses/course.rules.ts → api/src/courses/course.entity.ts',
        'site-apart-from-api: site/src/lib/status.ts → api/src/courses/course.rules.ts',
      ]),
    );
    // The allowed imports (rules → rules, rules → common, graphql → common) are not reported.
    expect(found.filter((v) => v.startsWith('rules-are-pure: api/src/subsidies/'))).toEqual([]);
    expect(found.filter((v) => v.includes('graphql/errors.ts → api/src/common/') && !v.startsWith('no-cycle'))).toEqual(
      [],
    );
  }, 60_000);
});
