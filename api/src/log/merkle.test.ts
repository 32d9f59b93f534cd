import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Prng } from '../common/prng';
import {
  EMPTY_ROOT,
  consistencyProof,
  inclusionProof,
  leafHash,
  memoryTree,
  nodeHash,
  rootOf,
  subtreesOf,
  treeRoot,
  type TreeReader,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

// RFC 6962's definition written out again, recursively, as the reference the tiled reader must match.
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return crypto.createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

// A reader that holds every complete subtree (as the database does), each computed by mth.
function everySubtree(leaves: readonly Buffer[]): TreeReader {
  return {
    hashes: () => Promise.reject(new Error('a reader of every subtree is not read by tiles')),
    nodes: async (wanted) => wanted.map((s) => mth(leaves.slice(s.start, s.start + 2 ** s.height))),
  };
}

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));

// The test vectors of the Certificate Transparency reference implementation (RFC 6962 trees of 1 to 8 leaves).
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('Merkle tree (RFC 6962 / 9162)', () => {
  it('hashes the empty tree and leaves as RFC 6962 does', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const leaves = CT_LEAVES.map((hex) => leafHash(Buffer.from(hex, 'hex')));
    for (let n = 1; n <= 8; n++) expect(rootOf(leaves.slice(0, n)).toString('hex')).toBe(CT_ROOTS[n - 1]);
  });

  it('computes the same root from tiles as from the leaves, across tile boundaries', async () => {
    const leaves = leavesOf(70_000);
    const reader = memoryTree(leaves);
    for (const n of [1, 2, 3, 255, 256, 257, 511, 65_535, 65_536, 65_537, 70_000])
      expect((await treeRoot(reader, n)).equals(mth(leaves.slice(0, n))), `size ${n}`).toBe(true);
  });

  it('splits a range into the complete subtrees RFC 6962 makes of it, and refuses one that is not a subtree', () => {
    expect(subtreesOf(0, 6)).toEqual([
      { height: 2, start: 0 },
      { height: 1, start: 4 },
    ]);
    expect(subtreesOf(256, 257)).toEqual([{ height: 0, start: 256 }]);
    expect(subtreesOf(0, 7).map((s) => s.height)).toEqual([2, 1, 0]);
    expect(() => subtreesOf(2, 6)).toThrow(RangeError);
  });

  it.each([
    ['tiles', memoryTree],
    ['every subtree', everySubtree],
  ])(
    'proves and verifies inclusion and consistency for random trees from %s, and refuses altered proofs',
    async (_, readerOf) => {
      const rng = new Prng(6962);
      const random = () => rng.int(0, 1_000_000) / 1_000_001;
      const leaves = leavesOf(1_500);
      const reader = readerOf(leaves);
      for (let round = 0; round < 200; round++) {
        const size = 1 + Math.floor(random() * leaves.length);
        const index = Math.floor(random() * size);
        const root = mth(leaves.slice(0, size));
        const proof = await inclusionProof(reader, index, size);
        expect(verifyInclusion(leaves[index], index, size, proof, root)).toBe(true);
        expect(verifyInclusion(leaves[(index + 1) % size], index, size, proof, root) && size > 1).toBe(false);
        if (proof.length) {
          const bad = proof.map((p, i) => (i === proof.length - 1 ? nodeHash(p, p) : p));
          expect(verifyInclusion(leaves[index], index, size, bad, root)).toBe(false);
        }
        const first = Math.floor(random() * (size + 1));
        const firstRoot = mth(leaves.slice(0, first));
        const consistency = await consistencyProof(reader, first, size);
        expect(verifyConsistency(first, size, consistency, firstRoot, root)).toBe(true);
        if (first > 0 && first < size) {
          // A history rewritten before `first`: the old root no longer fits the new tree.
          expect(verifyConsistency(first, size, consistency, nodeHash(firstRoot, firstRoot), root)).toBe(false);
          expect(verifyConsistency(first, size, consistency.slice(1), firstRoot, root)).toBe(false);
        }
      }
    },
  );

  it('refuses a leaf index outside the tree', async () => {
    const reader = memoryTree(leavesOf(4));
    await expect(inclusionProof(reader, 4, 4)).rejects.toThrow(RangeError);
    expect(verifyInclusion(leafHash(Buffer.from('x')), 4, 4, [], EMPTY_ROOT)).toBe(false);
  });
});
