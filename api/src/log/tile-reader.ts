/**
 * A {@link TreeReader} over a log's static tiles (C2SP tlog-tiles) fetched over HTTP: what a
 * witness computes its consistency proofs from, trusting nothing but the roots it checks them
 * against.
 */
import { HASH_SIZE, TILE_WIDTH, type TreeReader } from './merkle';
import { tilePath } from './tiles';

/**
 * Reads the hashes of the tree of `size` entries from the tiles under `prefix` (e.g.
 * `http://127.0.0.1:4000/log`), each tile fetched once.
 * @example const reader = httpTiles('http://127.0.0.1:4000/log', 1200); await consistencyProof(reader, 1000, 1200)
 */
export function httpTiles(prefix: string, size: number): TreeReader {
  const tiles = new Map<string, Promise<Buffer>>();
  const tile = (level: number, index: number): Promise<Buffer> => {
    const atLevel = Math.floor(size / TILE_WIDTH ** level);
    const width = Math.min(TILE_WIDTH, atLevel - index * TILE_WIDTH);
    const path = tilePath({ level, index, width });
    let found = tiles.get(path);
    if (!found) {
      found = fetch(`${prefix}/${path}`).then(async (res) => {
        if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
        const bytes = Buffer.from(await res.arrayBuffer());
        if (bytes.length !== width * HASH_SIZE)
          throw new Error(`${path} holds ${bytes.length} bytes, not ${width * HASH_SIZE}`);
        return bytes;
      });
      tiles.set(path, found);
    }
    return found;
  };
  return {
    async hashes(level, from, count) {
      const out: Buffer[] = [];
      for (let i = from; i < from + count; i++) {
        const bytes = await tile(level, Math.floor(i / TILE_WIDTH));
        const at = (i % TILE_WIDTH) * HASH_SIZE;
        out.push(bytes.subarray(at, at + HASH_SIZE));
      }
      return out;
    },
  };
}
