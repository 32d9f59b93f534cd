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

/** Longest global ID accepted (base64url of `Type:key`). */
const MAX_ID_LENGTH = 200;

/**
 * Decodes a global ID, checking it names `expected` when given.
 * @throws a BAD_USER_INPUT error naming `field` when the ID is malformed or of another type.
 */
export function fromGlobalId(id: string, field: string, expected?: string): { type: string; key: string } {
  // No key of this catalogue is longer than a few dozen characters, nor holds a control character (PostgreSQL refuses NUL).
  if (id.length > MAX_ID_LENGTH)
    throw inputError(field, `"${id.slice(0, 40)}…" is not a valid ID (longer than ${MAX_ID_LENGTH} characters)`);
  const raw = Buffer.from(id, 'base64url').toString('utf8');
  const sep = raw.indexOf(':');
  const type = sep > 0 ? raw.slice(0, sep) : '';
  const key = sep > 0 ? raw.slice(sep + 1) : '';
  if (
    !/^[A-Z][A-Za-z]+$/.test(type) ||
    !key ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the same as in connection.ts
    /[\u0000-\u001f\u007f\ufffd]/.test(key) ||
    toGlobalId(type, key) !== id.replace(/=+$/, '')
  ) {
    throw inputError(field, `"${id}" is not a valid ID`);
  }
  if (expected && type !== expected) throw inputError(field, `"${id}" is the ID of a ${type}, not of a ${expected}`);
  return { type, key };
}

/** Decodes the integer key of a global ID of `expected` type. */
export function intKeyOf(id: string, field: string, expected: string): number {
  const { key } = fromGlobalId(id, field, expected);
  // Digits only: `1e3`, `0x10` or ` 7` would name another row than they spell.
  const n = /^[1-9]\d{0,15}$/.test(key) ? Number(key) : NaN;
  if (!Number.isSafeInteger(n)) throw inputError(field, `"${id}" is not a valid ${expected} ID`);
  return n;
}
