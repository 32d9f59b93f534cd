import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consistencyProof, verifyConsistency } from '../log/merkle';
import {
  COSIGNATURE_V1,
  cosign,
  generateSigner,
  openNote,
  parseCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signerKey,
  verifierKey,
  type Checkpoint,
  type NoteSigner,
} from '../log/signed-note';
import { httpTiles } from '../log/tile-reader';
import { failureLine, UsageError } from './cli-errors';

const USAGE = `usage: npm run log:witness -- --url URL --state DIR --key FILE [--name NAME] [--log-key VKEY]
  --url URL      the API or site serving /log/
  --state DIR    where the witness keeps the last checkpoint it cosigned, per log
  --key FILE     the witness's secret key (cosignature/v1); made, with --name, when the file does not exist
  --name NAME    the witness's name for a new key (default witness.local/<host name>)
  --log-key VKEY the log's verifier key (default: kept in the state, else /log/key on first use)`;

/** What a witness keeps of a log: its key and the last checkpoint it cosigned. */
interface WitnessState {
  logKey: string;
  size: number;
  root: string;
}

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!['--url', '--state', '--key', '--name', '--log-key'].includes(flag) || value === undefined)
      throw new UsageError(`${flag} is not an option or has no value\n${USAGE}`);
    out[flag.slice(2)] = value;
  }
  for (const needed of ['url', 'state', 'key'])
    if (!out[needed]) throw new UsageError(`--${needed} is needed\n${USAGE}`);
  return out;
}

/** The witness's key: read, or made (readable by its owner only) when the file does not exist. */
function witnessKey(file: string, name: string | undefined): NoteSigner {
  if (fs.existsSync(file)) {
    const signer = parseSignerKey(fs.readFileSync(file, 'utf8'));
    if (signer.type !== COSIGNATURE_V1) throw new UsageError(`${file} is not a cosignature/v1 key`);
    return signer;
  }
  const signer = generateSigner(name ?? `witness.local/${os.hostname()}`, COSIGNATURE_V1);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${signerKey(signer)}\n`, { mode: 0o600, flag: 'wx' });
  console.log(`[witness] made a new key; its verifier key, to publish: ${verifierKey(signer)}`);
  return signer;
}

async function text(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
}

/** Why the new checkpoint may not be cosigned after `last`, or null when it is consistent. */
async function refusal(prefix: string, last: WitnessState | null, next: Checkpoint): Promise<string | null> {
  if (!last) return null;
  const lastRoot = Buffer.from(last.root, 'base64');
  if (next.size < last.size)
    return `the log shrank from ${last.size} to ${next.size} entries since the checkpoint cosigned last (a rollback)`;
  if (next.size === last.size)
    return next.root.equals(lastRoot)
      ? null
      : `another tree of ${next.size} entries than the one cosigned before (a split view)`;
  const proof = await consistencyProof(httpTiles(prefix, next.size), last.size, next.size);
  return verifyConsistency(last.size, next.size, proof, lastRoot, next.root)
    ? null
    : `the tree of ${next.size} entries does not extend the ${last.size} cosigned before (history rewritten or reordered)`;
}

/**
 * `npm run log:witness`: fetches the log's checkpoint, checks that it extends the last one this
 * witness cosigned (consistency proof from the log's tiles), and only then cosigns it (C2SP
 * tlog-cosignature) and sends the cosignature to the log (`POST /log/cosignatures`).
 */
async function main(): Promise<void> {
  const opts = args(process.argv.slice(2));
  const prefix = `${opts.url.replace(/\/+$/, '')}/log`;
  const witness = witnessKey(opts.key, opts.name);
  const note = await text(`${prefix}/checkpoint`);
  const stateFile = (origin: string) => path.join(opts.state, `${origin.replace(/[^\w.-]+/g, '_')}.json`);
  const origin = note.slice(0, note.indexOf('\n'));
  const last = fs.existsSync(stateFile(origin))
    ? (JSON.parse(fs.readFileSync(stateFile(origin), 'utf8')) as WitnessState)
    : null;
  const logKey = opts['log-key'] ?? last?.logKey ?? (await text(`${prefix}/key`)).trim();
  if (last && last.logKey !== logKey)
    throw new Error(`the log key given is not the one this witness knows for ${origin}`);
  const checkpointText = openNote(note, parseVerifierKey(logKey));
  const next = parseCheckpoint(checkpointText);
  const refused = await refusal(prefix, last, next);
  if (refused) {
    console.error(`[witness] refused to cosign ${origin} at ${next.size}: ${refused}`);
    process.exitCode = 1;
    return;
  }
  const line = cosign(checkpointText, witness, Math.floor(Date.now() / 1000));
  const res = await fetch(`${prefix}/cosignatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ size: next.size, witnessKey: verifierKey(witness), cosignature: line }),
  });
  if (!res.ok) throw new Error(`the log refused the cosignature: HTTP ${res.status} ${await res.text()}`);
  fs.mkdirSync(opts.state, { recursive: true });
  const state: WitnessState = { logKey, size: next.size, root: next.root.toString('base64') };
  fs.writeFileSync(stateFile(origin), `${JSON.stringify(state, null, 2)}\n`);
  console.log(`[witness] cosigned ${origin} at ${next.size} entries as ${witness.name}`);
}

main().catch((e) => {
  console.error(`[witness] failed: ${failureLine(e)}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
