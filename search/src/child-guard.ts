/**
 * Child processes (Meilisearch, the site build) that must not outlive the process that started
 * them, however it ends. Two layers: on Linux the child is started through util-linux's
 * `setpriv --pdeathsig TERM`, so the kernel signals it when its parent dies, even by `kill -9`;
 * and each child is recorded in a pid file, so that the next start clears one left behind where
 * that is not available. A recorded process is only signalled when /proc shows the same start
 * time and a command line naming it: a recycled pid is never killed.
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const SETPRIV = '/usr/bin/setpriv';

/** What a pid file holds about one child. */
export interface ChildRecord {
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22): unique with the pid. */
  startTime: string;
  /** Text the child's command line contains (e.g. its data folder), checked before signalling. */
  marker: string;
}

/**
 * The command and arguments that start `command args` so that it is sent SIGTERM when this
 * process dies (Linux with util-linux `setpriv`); elsewhere the command unchanged.
 * @example const [cmd, argv] = dyingWithParent('/usr/bin/meilisearch', ['--db-path', 'x']); spawn(cmd, argv);
 */
export function dyingWithParent(command: string, args: string[]): [string, string[]] {
  if (process.platform !== 'linux' || !fs.existsSync(SETPRIV)) return [command, args];
  return [SETPRIV, ['--pdeathsig', 'TERM', '--', command, ...args]];
}

/** The start time of a live process from /proc, or null (gone, or no /proc on this platform). */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie has ended; only its parent's wait is missing.
    return fields[0] === 'Z' ? null : (fields[19] ?? null);
  } catch {
    return null;
  }
}

/**
 * Records a child just started in `pidFile` (its start time is read at once, before it could
 * end and its pid be reused).
 * @example recordChild('.data/meilisearch/meilisearch.pid', child.pid!, '.data/meilisearch/data.ms');
 */
export function recordChild(pidFile: string, pid: number, marker: string): void {
  const startTime = startTimeOf(pid);
  if (startTime === null) return;
  const record: ChildRecord = { pid, startTime, marker };
  fs.writeFileSync(pidFile, `${JSON.stringify(record)}\n`);
}

/** Forgets the child recorded in `pidFile` (it was stopped as it should be). */
export function forgetChild(pidFile: string): void {
  fs.rmSync(pidFile, { force: true });
}

/** Whether `record` still names the very process it was written for. */
function stillRunning(record: ChildRecord): boolean {
  if (startTimeOf(record.pid) !== record.startTime) return false;
  try {
    return fs.readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0').join(' ').includes(record.marker);
  } catch {
    return false;
  }
}

/**
 * Stops a child that a killed predecessor left running, as recorded in `pidFile`: SIGTERM,
 * then SIGKILL after `graceMs` (default 5,000). Returns its pid, or null when there was none
 * (no file, the process gone, or the pid now someone else's). The file is removed.
 * @example const pid = await clearLeftover('.data/meilisearch/meilisearch.pid'); if (pid) log(`stopped ${pid}`);
 */
export async function clearLeftover(pidFile: string, graceMs = 5_000): Promise<number | null> {
  let record: ChildRecord;
  try {
    record = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as ChildRecord;
  } catch {
    forgetChild(pidFile);
    return null;
  }
  forgetChild(pidFile);
  if (!Number.isInteger(record.pid) || record.pid <= 1 || !stillRunning(record)) return null;
  process.kill(record.pid, 'SIGTERM');
  for (const deadline = Date.now() + graceMs; Date.now() < deadline; await sleep(50)) {
    if (!stillRunning(record)) return record.pid;
  }
  if (stillRunning(record)) process.kill(record.pid, 'SIGKILL');
  while (stillRunning(record)) await sleep(20);
  return record.pid;
}
