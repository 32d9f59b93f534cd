import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compilable } from './compiled-execution';

const schema = buildSchema(`
  input Inner { n: Int! = 0 }
  input Outer { inner: Inner, name: String }
  input Plain { name: String, n: Int = 1, m: Int! }
  type Query { a(o: Outer, p: Plain, x: Int! = 3): Int }
  type Mutation { b(o: Outer): Int }
`);
const operation = (text: string) => parse(text).definitions[0] as OperationDefinitionNode;

describe('compilable', () => {
  it('compiles queries, with variables of input types whose defaults graphql-jit applies', () => {
    expect(compilable(schema, operation('{ a }'))).toBe(true);
    expect(compilable(schema, operation('query Q($p: Plain, $x: Int!) { a(p: $p, x: $x) }'))).toBe(true);
  });

  it('leaves mutations, and variables holding a non-null field with a default at any depth, to graphql-js', () => {
    expect(compilable(schema, operation('mutation { b }'))).toBe(false);
    expect(compilable(schema, operation('query Q($o: Outer) { a(o: $o) }'))).toBe(false);
    expect(compilable(schema, operation('query Q($o: [Outer!]) { a }'))).toBe(false);
  });

  it('leaves a non-null variable with a default to graphql-js: graphql-jit refuses it when left out', () => {
    expect(compilable(schema, operation('query Q($x: Int! = 2) { a(x: $x) }'))).toBe(false);
    expect(compilable(schema, operation('query Q($x: Int = 2) { a(x: $x) }'))).toBe(true);
  });
});
