import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../config';

/**
 * Replaces the section of BENCHMARKS.md that starts with `## <heading>` (up to the next `## `
 * heading), or appends it: each benchmark rewrites only its own figures.
 * @example replaceSection('Search', '## Search\n\n…'); // BENCHMARKS.md keeps every other section
 */
export function replaceSection(heading: string, md: string, file = path.join(REPO_ROOT, 'BENCHMARKS.md')): void {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const at = current.search(new RegExp(`^## ${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*$`, 'm'));
  if (at < 0) {
    fs.writeFileSync(file, `${current.trimEnd()}\n\n${md.trimEnd()}\n`);
    return;
  }
  const next = current.slice(at + 1).search(/^## /m);
  const after = next >= 0 ? current.slice(at + 1 + next) : '';
  fs.writeFileSync(file, `${current.slice(0, at).trimEnd()}\n\n${md.trimEnd()}\n${after ? `\n${after}` : ''}`);
}

/**
 * Replaces the head of BENCHMARKS.md, from its start to the first section another benchmark
 * owns (`## Search`), with `md` and the notes that follow it; keeps everything from there on.
 * @example replaceHead('# Benchmarks\n\n## `courses`…', '## Where the time goes…');
 */
export function replaceHead(md: string, notes: string, file = path.join(REPO_ROOT, 'BENCHMARKS.md')): void {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const at = current.search(/^## Search[ \t]*$/m);
  const rest = at >= 0 ? current.slice(at) : '';
  fs.writeFileSync(file, `${md.trimEnd()}\n\n${notes.trim()}\n${rest ? `\n${rest}` : ''}`);
}
