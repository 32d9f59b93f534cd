import { Field, ID, InterfaceType } from 'type-graphql';
import { inputError } from './errors';

/** An object with a globally unique, stable ID (Relay Global Object Identification). */
@InterfaceType('Node', { description: 'An object with a globally unique, stable ID that `node(id:)` resolves.' })
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID, stable across releases of the same data.' })
  id!: string;
}

/**
 * Encodes a global ID: base64url of `Type:key`.
 * @example toGlobalId('Course', 17) === 'Q291cnNlOjE3'
 */
export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/**
 * Decodes a global ID, checking it names `expected` when given.
 * @throws a BAD_USER_INPUT error naming `field` when the ID is malformed or of another type.
 */
export function fromGlobalId(id: string, field: string, expected?: string): { type: string; key: string } {
  const raw = Buffer.from(id, 'base64url').toString('utf8');
  const sep = raw.indexOf(':');
  const type = sep > 0 ? raw.slice(0, sep) : '';
  const key = sep > 0 ? raw.slice(sep + 1) : '';
  if (!/^[A-Z][A-Za-z]+$/.test(type) || !key || toGlobalId(type, key) !== id.replace(/=+$/, '')) {
    throw inputError(field, `"${id}" is not a valid ID`);
  }
  if (expected && type !== expected) throw inputError(field, `"${id}" is the ID of a ${type}, not of a ${expected}`);
  return { type, key };
}

/** Decodes the integer key of a global ID of `expected` type. */
export function intKeyOf(id: string, field: string, expected: string): number {
  const { key } = fromGlobalId(id, field, expected);
  const n = Number(key);
  if (!Number.isSafeInteger(n) || n < 1) throw inputError(field, `"${id}" is not a valid ${expected} ID`);
  return n;
}
