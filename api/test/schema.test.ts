import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildSchema as parseSdl,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { printPublicSchema, SCHEMA_FILE } from '../src/schema';

describe('schema.graphql, the public contract', () => {
  it('is exactly what the code emits (run `npm run schema` after changing the API)', async () => {
    const emitted = await printPublicSchema();
    const checkedIn = fs.readFileSync(SCHEMA_FILE, 'utf8');
    expect(checkedIn).toBe(emitted);
  });

  it('describes every type, field, argument and enum value', async () => {
    const schema = parseSdl(await printPublicSchema());
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            // Pagination arguments are described once on PageArgs; every other argument must say what it does.
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type))
        for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
    expect(getNamedType(schema.getQueryType()!.getFields().courses.type).name).toBe('CourseConnection');
  });
});
