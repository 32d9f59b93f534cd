#!/usr/bin/env node
/**
 * Checks the disclosure log of a Skills Yunnan catalogue without trusting its operator.
 *
 * One file, Node.js 20 or later and nothing else: read it before you run it.
 *
 *   node tools/log-verify.mjs --url https://catalogue.example [--key <verifier key>] [--state FILE] [--no-api]
 *
 * What it checks, from the static files under <url>/log/ (C2SP tlog-tiles, tlog-checkpoint,
 * signed-note; RFC 6962 hashing):
 *   1. the checkpoint is signed by the log's key (given with --key, or kept in the state file
 *      from the first run: check it once against a copy you trust);
 *   2. every entry in the entry bundles hashes to its leaf in the level-0 tiles, the tiles above
 *      hold the roots of the tiles below, and the root of all the leaves is the checkpoint's;
 *   3. against the checkpoint kept from the last run (the state file): the log did not shrink,
 *      and its first entries still have the root they had then (nothing removed, rewritten or
 *      reordered, and no other history shown to you than before);
 *   4. with the API (<url>/graphql, or --api URL; skipped with --no-api): every notice revision,
 *      withdrawal and objection decision the API lists is in the log, with the same hash, and
 *      every notice the log records is still listed.
 * It exits 0 when everything holds, and 1 naming each thing that does not.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

const HELP = `usage: node tools/log-verify.mjs [--url URL] [--api URL] [--key VKEY] [--state FILE] [--no-api]
  --url URL     the site or API serving /log/ (default http://127.0.0.1:4000)
  --api URL     the GraphQL endpoint (default <url>/graphql)
  --key VKEY    the log's verifier key (default: the one kept in the state file, else /log/key, trusted on first use)
  --state FILE  where the last checkpoint checked is kept (default log-verify-state.json)
  --no-api      check the static files only`;

function parseArgs(argv) {
  const opts = { url: 'http://127.0.0.1:4000', api: null, key: null, state: 'log-verify-state.json', useApi: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value\n${HELP}`);
      return argv[++i];
    };
    if (arg === '--url') opts.url = value().replace(/\/+$/, '');
    else if (arg === '--api') opts.api = value();
    else if (arg === '--key') opts.key = value();
    else if (arg === '--state') opts.state = value();
    else if (arg === '--no-api') opts.useApi = false;
    else if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${HELP}`);
  }
  opts.api ??= `${opts.url}/graphql`;
  return opts;
}

// ---- RFC 6962 hashing ----
const sha256 = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** The Merkle tree hash of `count` hashes laid end to end in `hashes` (RFC 6962 §2.1). */
function treeHash(hashes, count) {
  if (count === 0) return sha256();
  if (count > 256) {
    // Runs of 256 from the left are complete subtrees, and a shorter last run is the right edge:
    // hashing each run first and then their roots gives the same tree, with 256 times fewer objects.
    const runs = Math.ceil(count / 256);
    const roots = Buffer.alloc(32 * runs);
    for (let i = 0; i < runs; i++)
      treeHash(hashes.subarray(32 * 256 * i), Math.min(256, count - 256 * i)).copy(roots, 32 * i);
    return treeHash(roots, runs);
  }
  // Pairing left to right and carrying an odd last hash up is RFC 6962's split at the largest power of two.
  let level = [];
  for (let i = 0; i < count; i++) level.push(hashes.subarray(32 * i, 32 * i + 32));
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(sha256(NODE, level[i], level[i + 1]));
    if (level.length % 2) next.push(level[level.length - 1]);
    level = next;
  }
  return level[0];
}

// ---- signed notes and checkpoints (C2SP signed-note, tlog-checkpoint) ----
function parseVerifierKey(vkey) {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  if (!m) throw new Error(`"${vkey}" is not a verifier key (<name>+<8 hex digits>+<base64>)`);
  const raw = Buffer.from(m[3], 'base64');
  if (raw.length !== 33 || raw[0] !== 0x01) throw new Error('the verifier key is not an Ed25519 note key');
  const id = sha256(Buffer.from(`${m[1]}\n`), raw.subarray(0, 1), raw.subarray(1)).subarray(0, 4);
  if (id.toString('hex') !== m[2]) throw new Error('the verifier key ID does not match its key');
  const key = crypto.createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') },
    format: 'jwk',
  });
  return { name: m[1], id, key };
}

/** The checkpoint's origin, size and root, once its signature by `verifier` verifies. */
function openCheckpoint(note, verifier) {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint is not a signed note');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .filter(Boolean);
  const mine = signatures
    .map((line) => /^— (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line))
    .filter((m) => m && m[1] === verifier.name && Buffer.from(m[2], 'base64').subarray(0, 4).equals(verifier.id));
  if (mine.length === 0) throw new Error(`the checkpoint is not signed by ${verifier.name} with the expected key`);
  for (const m of mine)
    if (!crypto.verify(null, Buffer.from(text), verifier.key, Buffer.from(m[2], 'base64').subarray(4)))
      throw new Error('the checkpoint signature does not verify: it was changed or signed with another key');
  const [origin, size, root] = text.split('\n');
  if (origin !== verifier.name) throw new Error(`the checkpoint's origin "${origin}" is not the key's name`);
  if (!/^(0|[1-9][0-9]*)$/.test(size)) throw new Error('the checkpoint size is not a number');
  return { origin, size: Number(size), root: Buffer.from(root, 'base64'), text };
}

// ---- the tiles (C2SP tlog-tiles) ----
function indexPath(n) {
  const digits = String(n);
  const groups = digits.padStart(3 * Math.ceil(digits.length / 3), '0').match(/.{3}/g);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}
const tilePath = (level, n, width) => `tile/${level}/${indexPath(n)}${width < 256 ? `.p/${width}` : ''}`;

/** A file of the log; a dropped connection is tried again (three times, a moment apart). */
async function fetchBytes(base, path) {
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(`${base}/log/${path}`);
    } catch (e) {
      if (attempt >= 3) throw new Error(`${path}: ${e.cause?.message ?? e.message}`);
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      continue;
    }
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
}

/** Runs `task` over 0 … count-1, `width` at a time. */
async function eachIndex(count, width, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

/**
 * Every leaf hash of a tree of `size`, checked tile by tile against its entry; the problems
 * found. Leaves are kept end to end in one buffer (32 bytes each); each entry is handed to
 * `onEntry` (bytes, index) and not kept.
 */
async function readTree(base, size, problems, onEntry) {
  const leaves = Buffer.alloc(32 * size);
  await eachIndex(Math.ceil(size / 256), 8, async (n) => {
    const width = Math.min(256, size - n * 256);
    const [bundle, tile] = await Promise.all([
      fetchBytes(base, tilePath('entries', n, width)),
      fetchBytes(base, tilePath(0, n, width)),
    ]);
    if (tile.length !== 32 * width)
      problems.push(`${tilePath(0, n, width)} holds ${tile.length} bytes, not ${32 * width}`);
    let at = 0;
    for (let i = 0; i < width; i++) {
      if (at + 2 > bundle.length) {
        problems.push(`${tilePath('entries', n, width)} holds fewer than ${width} entries`);
        return;
      }
      const length = bundle.readUInt16BE(at);
      const entry = bundle.subarray(at + 2, at + 2 + length);
      at += 2 + length;
      const index = n * 256 + i;
      const leaf = sha256(LEAF, entry);
      if (!leaf.equals(tile.subarray(32 * i, 32 * i + 32)))
        problems.push(`entry ${index} does not hash to its leaf in ${tilePath(0, n, width)}`);
      leaf.copy(leaves, 32 * index);
      onEntry(entry, index);
    }
    if (at !== bundle.length) problems.push(`${tilePath('entries', n, width)} holds more than ${width} entries`);
  });
  await checkUpperTiles(base, leaves, size, problems);
  return leaves;
}

/** Each hash of the tiles above level 0 is the root of a full tile below it. */
async function checkUpperTiles(base, leaves, size, problems) {
  let below = leaves;
  for (let level = 1; 256 ** level <= size; level++) {
    const count = Math.floor(size / 256 ** level);
    const hashes = Buffer.alloc(32 * count);
    for (let i = 0; i < count; i++)
      treeHash(below.subarray(32 * 256 * i, 32 * 256 * (i + 1)), 256).copy(hashes, 32 * i);
    await eachIndex(Math.ceil(count / 256), 8, async (n) => {
      const width = Math.min(256, count - n * 256);
      const tile = await fetchBytes(base, tilePath(level, n, width));
      if (!tile.equals(hashes.subarray(32 * 256 * n, 32 * (256 * n + width))))
        problems.push(`${tilePath(level, n, width)} does not hold the roots of the tiles below it`);
    });
    below = hashes;
  }
}

// ---- the API's record against the log ----
const NOTICES = `query LogVerifyNotices($after: String) {
  subsidyNotices(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { number withdrawnOn revisions { revision sha256 } objections { lineSeq status decidedOn } }
  }
}`;

async function listedNotices(api) {
  const all = [];
  for (let after = null; ; ) {
    const res = await fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: NOTICES, variables: { after } }),
    });
    // A site served apart from its API (npm start's site server) answers /graphql with a page.
    if (!/^application\/(graphql-response\+)?json/.test(res.headers.get('content-type') ?? ''))
      throw new Error(
        `no GraphQL API answers at ${api} (HTTP ${res.status}): give its address with --api URL, or check the log's files alone with --no-api`,
      );
    const body = await res.json();
    if (!res.ok || body.errors)
      throw new Error(`the API refused the list of notices: ${JSON.stringify(body.errors ?? res.status)}`);
    all.push(...body.data.subsidyNotices.nodes);
    if (!body.data.subsidyNotices.pageInfo.hasNextPage) return all;
    after = body.data.subsidyNotices.pageInfo.endCursor;
  }
}

/** What the log records of each notice, by number: `add` each entry (bytes, index) as it is read. */
function loggedNotices() {
  const byNumber = new Map();
  const of = (number) => {
    if (!byNumber.has(number)) byNumber.set(number, { revisions: new Map(), withdrawnOn: null, decisions: [] });
    return byNumber.get(number);
  };
  const add = (bytes, index) => {
    // Only the notices' entries are read further.
    if (bytes.indexOf('"kind":"notice.') < 0 && bytes.indexOf('"kind":"objection.') < 0) return;
    let e;
    try {
      e = JSON.parse(bytes.toString('utf8'));
    } catch {
      return;
    }
    if (e.kind === 'notice.revision') of(e.notice).revisions.set(e.revision, { sha256: e.sha256, index });
    else if (e.kind === 'notice.withdrawal') of(e.notice).withdrawnOn = e.withdrawnOn;
    else if (e.kind === 'objection.decided') of(e.notice).decisions.push(`${e.lineSeq}|${e.status}|${e.decidedOn}`);
  };
  return { byNumber, add };
}

function compareWithApi(notices, logged, problems) {
  const listed = new Set();
  for (const n of notices) {
    listed.add(n.number);
    const log = logged.get(n.number);
    if (!log) {
      problems.push(`notice ${n.number} is listed by the API but has no entry in the log`);
      continue;
    }
    for (const r of n.revisions) {
      const entry = log.revisions.get(r.revision);
      if (!entry) problems.push(`notice ${n.number} revision ${r.revision} is not in the log`);
      else if (entry.sha256 !== r.sha256)
        problems.push(
          `notice ${n.number} revision ${r.revision}: the API's hash ${r.sha256} is not the one logged at entry ${entry.index} (${entry.sha256})`,
        );
    }
    if (n.withdrawnOn && log.withdrawnOn !== n.withdrawnOn)
      problems.push(`notice ${n.number}: its withdrawal on ${n.withdrawnOn} is not in the log`);
    for (const o of n.objections.filter((x) => x.decidedOn)) {
      const key = `${o.lineSeq}|${o.status}|${o.decidedOn}`;
      const at = log.decisions.indexOf(key);
      if (at < 0) problems.push(`notice ${n.number}: the decision of its objection (${key}) is not in the log`);
      else log.decisions.splice(at, 1);
    }
  }
  for (const [number, log] of logged)
    if (!listed.has(number) && log.revisions.size > 0)
      problems.push(
        `notice ${number} is in the log (entry ${[...log.revisions.values()][0].index}) but the API no longer lists it`,
      );
}

// ---- the run ----
function readState(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (e.code === 'ENOENT') return null;
    throw new Error(`the state file ${file} cannot be read: ${e.message}`);
  }
}

function compareWithState(state, checkpoint, leaves, problems) {
  if (!state) return;
  if (checkpoint.size < state.size)
    problems.push(`the log shrank: ${state.size} entries when last checked, ${checkpoint.size} now (a rollback)`);
  else if (!treeHash(leaves, state.size).equals(Buffer.from(state.root, 'base64')))
    problems.push(
      `the first ${state.size} entries no longer have the root checked last time: the history was rewritten or another was shown`,
    );
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const state = readState(opts.state);
  const vkey = opts.key ?? state?.key ?? (await fetchBytes(opts.url, 'key')).toString('utf8').trim();
  if (!opts.key && !state)
    console.log(`log-verify: trusting the key served at ${opts.url}/log/key on first use: ${vkey}`);
  if (state && state.key !== vkey)
    throw new Error(`the key given (${vkey}) is not the one kept in ${opts.state} (${state.key})`);
  const verifier = parseVerifierKey(vkey);
  const checkpoint = openCheckpoint((await fetchBytes(opts.url, 'checkpoint')).toString('utf8'), verifier);
  const problems = [];
  const logged = loggedNotices();
  const leaves = await readTree(opts.url, checkpoint.size, problems, opts.useApi ? logged.add : () => {});
  if (!treeHash(leaves, checkpoint.size).equals(checkpoint.root))
    problems.push(`the root of the ${checkpoint.size} entries is not the checkpoint's root`);
  compareWithState(state, checkpoint, leaves, problems);
  if (opts.useApi) compareWithApi(await listedNotices(opts.api), logged.byNumber, problems);
  if (problems.length) {
    for (const p of problems.slice(0, 50)) console.error(`log-verify: ${p}`);
    if (problems.length > 50) console.error(`log-verify: … and ${problems.length - 50} more`);
    process.exit(1);
  }
  fs.writeFileSync(
    opts.state,
    `${JSON.stringify({ key: vkey, origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root.toString('base64') }, null, 2)}\n`,
  );
  console.log(
    `log-verify: ${checkpoint.origin} holds: ${checkpoint.size} entries, root ${checkpoint.root.toString('base64')}${state ? `, consistent with the ${state.size} checked before` : ''}`,
  );
}

main().catch((e) => {
  console.error(`log-verify: ${e.message}`);
  process.exit(1);
});
