/**
 * The Merkle tree of the disclosure log, as RFC 6962 §2.1 and RFC 9162 §2.1 define it:
 * leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right), the tree of n leaves split
 * at the largest power of two below n. Pure: the hashes come from a {@link TreeReader}, which
 * the database (log-store.ts), the static tiles (tiles.ts) or a test provides.
 */
import crypto from 'node:crypto';

/** Bytes in a hash. */
export const HASH_SIZE = 32;

/** Tree levels a tile spans: a tile holds 256 hashes (C2SP tlog-tiles). */
export const TILE_HEIGHT = 8;

/** Hashes in a full tile. */
export const TILE_WIDTH = 1 << TILE_HEIGHT;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/**
 * The hash of one entry as a leaf.
 * @example leafHash(Buffer.from('')).toString('hex') // '6e340b9c…' (RFC 6962's empty leaf)
 */
export function leafHash(entry: Uint8Array): Buffer {
  return crypto.createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

/** The hash of an inner node from its two children. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return crypto.createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The hash of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = crypto.createHash('sha256').digest();

/**
 * The largest power of two strictly below `n` (n ≥ 2): where RFC 6962 splits a tree of n leaves.
 * @example splitPoint(5) // 4
 * @example splitPoint(8) // 4
 */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`a tree of ${n} leaves has no split`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The root of consecutive hashes taken as the leaves of a tree (their Merkle Tree Hash), e.g.
 * the 256 hashes of a tile, whose root is one hash of the tile level above.
 * @example rootOf([leafHash(a), leafHash(b)]).equals(nodeHash(leafHash(a), leafHash(b))) // true
 */
export function rootOf(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let level: Uint8Array[] = [...hashes];
  // Pairing left to right and carrying the odd last one up gives RFC 6962's split at the
  // largest power of two: the left subtrees are always complete.
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]));
    if (level.length % 2 === 1) next.push(level[level.length - 1]);
    level = next;
  }
  return Buffer.from(level[0]);
}

/** A complete subtree: the 2^height leaves from leaf `start` (a multiple of 2^height). */
export interface Subtree {
  height: number;
  start: number;
}

/**
 * Where a tree's stored hashes come from. `hashes(level, from, count)` gives the hashes of
 * tile level `level` (tree height 8 × level: leaf hashes at level 0; at level 1 the roots of
 * complete subtrees of 256 leaves …) with indices `from` to `from + count - 1`, all of which
 * exist in the tree being read.
 */
export interface TreeReader {
  hashes(level: number, from: number, count: number): Promise<Buffer[]>;
  /**
   * The hashes of complete subtrees, in the order asked, when the reader holds every one (the
   * database does): a root or proof is then one read and no hashing.
   */
  nodes?(wanted: readonly Subtree[]): Promise<Buffer[]>;
}

/** log2 of a power of two. */
function heightOf(size: number): number {
  return Math.round(Math.log2(size));
}

/**
 * The complete subtrees MTH(D[lo:hi]) is made of, left to right: RFC 6962 splits at the
 * largest power of two, so the left part is complete and the rest is split again.
 * @example subtreesOf(0, 6) // [{ height: 2, start: 0 }, { height: 1, start: 4 }]
 */
export function subtreesOf(lo: number, hi: number): Subtree[] {
  if (!(lo < hi)) throw new RangeError(`no subtree [${lo}, ${hi})`);
  const out: Subtree[] = [];
  for (let at = lo; at < hi; ) {
    const n = hi - at;
    const size = (n & (n - 1)) === 0 ? n : splitPoint(n);
    if (at % size !== 0) throw new RangeError(`[${lo}, ${hi}) is not a subtree of an RFC 6962 tree`);
    out.push({ height: heightOf(size), start: at });
    at += size;
  }
  return out;
}

/** The hash of a range from the hashes of its {@link subtreesOf}, left to right. */
function foldSubtrees(hashes: readonly Buffer[]): Buffer {
  let hash = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i], hash);
  return hash;
}

/** The hash of one complete subtree from the tiles: one hash, or the root of a run of one tile. */
async function completeHash(reader: TreeReader, { height, start }: Subtree): Promise<Buffer> {
  const level = Math.floor(height / TILE_HEIGHT);
  const below = height - level * TILE_HEIGHT;
  const from = start / 2 ** (level * TILE_HEIGHT);
  if (below === 0) return (await reader.hashes(level, from, 1))[0];
  return rootOf(await reader.hashes(level, from, 2 ** below));
}

/**
 * MTH(D[lo:hi]) of each range, as RFC 6962 defines it, for ranges that are subtrees of the
 * tree (lo a multiple of the split sizes above it): read in one go from a reader that holds
 * every subtree, else computed from the tiles.
 */
async function rangeHashes(reader: TreeReader, ranges: readonly (readonly [number, number])[]): Promise<Buffer[]> {
  const parts = ranges.map(([lo, hi]) => subtreesOf(lo, hi));
  const hashes = reader.nodes
    ? await reader.nodes(parts.flat())
    : await Promise.all(parts.flat().map((s) => completeHash(reader, s)));
  let at = 0;
  return parts.map((p) => {
    at += p.length;
    return foldSubtrees(hashes.slice(at - p.length, at));
  });
}

/** MTH(D[lo:hi]) for a range that is a subtree of the tree. */
export async function rangeHash(reader: TreeReader, lo: number, hi: number): Promise<Buffer> {
  return (await rangeHashes(reader, [[lo, hi]]))[0];
}

/**
 * The root hash of the tree of the first `size` leaves.
 * @example await treeRoot(reader, 0) // EMPTY_ROOT
 */
export function treeRoot(reader: TreeReader, size: number): Promise<Buffer> {
  return size === 0 ? Promise.resolve(EMPTY_ROOT) : rangeHash(reader, 0, size);
}

/** The ranges whose hashes are the inclusion proof of leaf `index` in a tree of `size` (RFC 9162 §2.1.3.1 PATH), from the leaf up. */
function inclusionRanges(index: number, size: number): [number, number][] {
  let [m, lo, hi] = [index, 0, size];
  const down: [number, number][] = [];
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < k) {
      down.push([lo + k, hi]);
      hi = lo + k;
    } else {
      down.push([lo, lo + k]);
      lo += k;
      m -= k;
    }
  }
  return down.reverse();
}

/**
 * The inclusion proof of leaf `index` in the tree of `size` leaves (RFC 9162 §2.1.3.1 PATH):
 * the sibling hashes from the leaf up.
 */
export async function inclusionProof(reader: TreeReader, index: number, size: number): Promise<Buffer[]> {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  return rangeHashes(reader, inclusionRanges(index, size));
}

/** The ranges whose hashes are the consistency proof from `first` to `second` leaves (RFC 9162 §2.1.4.1 SUBPROOF). */
function consistencyRanges(first: number, second: number): [number, number][] {
  const down: [number, number][] = [];
  let [m, lo, hi, whole] = [first, 0, second, true];
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      down.push([lo + k, hi]);
      hi = lo + k;
    } else {
      down.push([lo, lo + k]);
      lo += k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) down.push([lo, hi]);
  return down.reverse();
}

/**
 * The consistency proof between the trees of `first` and `second` leaves (RFC 9162 §2.1.4.1
 * PROOF); empty when first is 0 or equals second.
 */
export async function consistencyProof(reader: TreeReader, first: number, second: number): Promise<Buffer[]> {
  if (!(first >= 0 && first <= second)) throw new RangeError(`no consistency from ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  return rangeHashes(reader, consistencyRanges(first, second));
}

/** Right-shifts fn and sn together until fn's lowest bit is set or fn is 0. */
function shiftToSetBit(fn: bigint, sn: bigint): [bigint, bigint] {
  let f = fn;
  let s = sn;
  while ((f & 1n) === 0n && f !== 0n) {
    f >>= 1n;
    s >>= 1n;
  }
  return [f, s];
}

/**
 * Whether `proof` shows that the leaf hash `leaf` is leaf `index` of the tree of `size` leaves
 * with root `root` (RFC 9162 §2.1.3.2).
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) [fn, sn] = shiftToSetBit(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && Buffer.from(r).equals(Buffer.from(root));
}

/**
 * Whether `proof` shows that the tree of `first` leaves with root `firstRoot` is a prefix of the
 * tree of `second` leaves with root `secondRoot` (RFC 9162 §2.1.4.2).
 */
export function verifyConsistency(
  first: number,
  second: number,
  proof: readonly Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
): boolean {
  if (!(first >= 0 && first <= second)) return false;
  if (first === 0) return proof.length === 0;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(Buffer.from(secondRoot));
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = BigInt(first - 1);
  let sn = BigInt(second - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) [fn, sn] = shiftToSetBit(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && Buffer.from(fr).equals(Buffer.from(firstRoot)) && Buffer.from(sr).equals(Buffer.from(secondRoot));
}

/**
 * A {@link TreeReader} over leaf hashes held in memory: what a verifier that has read every
 * entry, and the tests, use. Levels above 0 are computed from the leaves (and kept).
 * @example const reader = memoryTree(leaves); await treeRoot(reader, leaves.length)
 */
export function memoryTree(leaves: readonly Buffer[]): TreeReader {
  const levels: Buffer[][] = [leaves as Buffer[]];
  const level = (l: number): Buffer[] => {
    for (let i = levels.length; i <= l; i++) {
      const below = levels[i - 1];
      const up: Buffer[] = [];
      for (let j = 0; (j + 1) * TILE_WIDTH <= below.length; j++)
        up.push(rootOf(below.slice(j * TILE_WIDTH, (j + 1) * TILE_WIDTH)));
      levels.push(up);
    }
    return levels[l];
  };
  return {
    async hashes(l, from, count) {
      const hashes = level(l).slice(from, from + count);
      if (hashes.length !== count) throw new RangeError(`level ${l} has no hashes ${from}–${from + count - 1}`);
      return hashes;
    },
  };
}
