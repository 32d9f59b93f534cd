import { describe, expect, it } from 'vitest';
import { isPlainRead } from './postgres';

describe('isPlainRead', () => {
  it('takes a select, in any case and after whitespace, as safe to run twice', () => {
    expect(isPlainRead('select 1')).toBe(true);
    expect(isPlainRead('\n  SELECT "c"."id" from "course" as "c" where "c"."id" in ($1, $2)')).toBe(true);
  });

  it('does not take writes, locking reads or a with that may hold a write', () => {
    expect(isPlainRead('insert into "course" ("id") values ($1)')).toBe(false);
    expect(isPlainRead('update "course" set "title" = $1')).toBe(false);
    expect(isPlainRead('select * from "course" where "id" = $1 for update')).toBe(false);
    expect(isPlainRead('select * from "course" for no key update skip locked')).toBe(false);
    expect(isPlainRead('select * from "course" FOR SHARE')).toBe(false);
    expect(isPlainRead('with x as (delete from t returning *) select * from x')).toBe(false);
    expect(isPlainRead('begin')).toBe(false);
  });
});
