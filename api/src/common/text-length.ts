/**
 * Text against the column that stores it: a string longer than its column is refused as a
 * problem naming the field and the limit, on both databases alike (PostgreSQL's varchar(n)
 * refuses it with an error, SQLite would keep it whole). Lengths are counted in characters
 * (Unicode code points), as PostgreSQL counts them, not in UTF-16 units. Pure.
 */
import type { WriteProblem } from './write-problem';

/** One text input and the length of its column. */
export interface TextField {
  /** The input field as the client named it, e.g. `reason` or `input.lines[2].certificateNumber`. */
  field: string;
  value: string | null | undefined;
  /** Characters the column holds. */
  max: number;
}

/** Characters in `s` as PostgreSQL counts them (code points). */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * A `text.length` problem for each value longer than its column (trimmed, as the writes store it).
 * @example checkTextLengths([{ field: 'reason', value: 'x'.repeat(600), max: 512 }]) // [{ field: 'reason', rule: 'text.length', message: 'reason: at most 512 characters, got 600' }]
 */
export function checkTextLengths(fields: readonly TextField[]): WriteProblem[] {
  const out: WriteProblem[] = [];
  for (const f of fields) {
    if (f.value == null) continue;
    const n = charLength(f.value.trim());
    if (n > f.max)
      out.push({
        field: f.field,
        rule: 'text.length',
        message: `${f.field}: at most ${f.max} characters, got ${n}`,
        clause: null,
      });
  }
  return out;
}
