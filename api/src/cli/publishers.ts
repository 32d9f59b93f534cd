import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { audit } from '../audit/audit';
import { todayIn } from '../config';
import { openOrm } from '../db/orm';
import { prepareDatabase } from '../db/seed';
import { findRows } from '../db/rows';
import { newApiKey } from '../publishers/api-keys';
import { ApiKey, Publisher } from '../publishers/publisher.entity';
import { SERVER_WRITER } from '../publishers/writer';
import { Region } from '../regions/region.entity';
import { cliConfig, failureLine, UsageError } from './cli-errors';

const USAGE = `usage: npm run publishers -- <command> [options]

  create --name <bureau name> --region <code> [--admin]
                      a publisher for a region: 530000 (province), a 州市 (530100) or a county
                      (530102); --admin makes a provincial administrator (region 530000 only)
  list                publishers and their keys (ids only; secrets are never stored)
  key-create --publisher <id> [--label <text>]
                      prints a new API key ONCE: store it safely, it cannot be shown again
  key-rotate --key <key id> [--keep-old]
                      a new key for the same publisher; the old one is revoked now unless --keep-old
                      (then revoke it with key-revoke once every client uses the new one)
  key-revoke --key <key id>
                      the key stops working at once
  disable --publisher <id>
                      closes the account: all its keys stop working

Every change is written to the audit trail (actor cli:publishers).`;

const WRITER = { ...SERVER_WRITER, name: 'cli:publishers' };

/** `npm run publishers`: accounts and API keys of the bureaus that publish. */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      region: { type: 'string' },
      admin: { type: 'boolean', default: false },
      publisher: { type: 'string' },
      label: { type: 'string' },
      key: { type: 'string' },
      'keep-old': { type: 'boolean', default: false },
    },
  });
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  const config = cliConfig();
  const orm = await openOrm(config.database);
  try {
    await prepareDatabase(orm, { scale: config.demoScale, seed: config.demoSeed, today: todayIn(config) });
    const em = orm.em.fork() as SqlEntityManager;
    const publisherById = async (raw: string | undefined) => {
      const id = Number(raw);
      const [p] = Number.isInteger(id) ? await findRows(em, Publisher, { id }) : [];
      if (!p)
        throw new UsageError(`--publisher: no publisher with id "${raw ?? ''}" (see \`npm run publishers -- list\`)`);
      return p;
    };
    const keyById = async (raw: string | undefined) => {
      const [k] = raw ? await findRows(em, ApiKey, { keyId: raw }) : [];
      if (!k) throw new UsageError(`--key: no key with id "${raw ?? ''}" (see \`npm run publishers -- list\`)`);
      return k;
    };
    const issue = async (
      publisher: { id: number; name: string; region: string },
      label: string | null,
      replaces: string | null,
    ) => {
      const key = newApiKey();
      await em.transactional(async (tx) => {
        await tx.insert(ApiKey, {
          publisher: publisher.id,
          keyId: key.keyId,
          secretHash: key.secretHash,
          label,
          createdAt: new Date(),
          revokedAt: null,
          replaces,
        });
        await audit(tx, WRITER, {
          action: replaces ? 'key.rotate' : 'key.create',
          entityType: 'ApiKey',
          entityKey: key.keyId,
          region: publisher.region,
          before: null,
          after: { keyId: key.keyId, publisher: publisher.id, replaces },
          summary: `key ${key.keyId} for ${publisher.name}${replaces ? `, replacing ${replaces}` : ''}`,
        });
      });
      console.log(
        `API key for ${publisher.name} (key id ${key.keyId}). It is shown only now: store it in a secret store, never in code or logs.\n\n${key.key}\n`,
      );
      console.log(`Use it as: Authorization: Bearer ${key.key.slice(0, 16)}…`);
    };

    switch (command) {
      case 'create': {
        const name = values.name?.trim();
        if (!name)
          throw new UsageError("--name: the bureau's name is required, e.g. --name 昆明市五华区人力资源和社会保障局");
        const [region] = values.region ? await findRows(em, Region, { code: values.region }) : [];
        if (!region)
          throw new UsageError(
            `--region: "${values.region ?? ''}" is not a Yunnan region code (530000, a 州市 such as 530100, or a county such as 530102)`,
          );
        if (values.admin && region.code !== '530000')
          throw new UsageError('--admin: administrators belong to the province (--region 530000)');
        if ((await findRows(em, Publisher, { name })).length)
          throw new UsageError(`--name: a publisher named "${name}" exists already`);
        const id = await em.transactional(async (tx) => {
          const created = (await tx.insert(Publisher, {
            name,
            region: region.code,
            isAdmin: values.admin,
            createdAt: new Date(),
            disabledAt: null,
          })) as number;
          await audit(tx, WRITER, {
            action: 'publisher.create',
            entityType: 'Publisher',
            entityKey: name,
            region: region.code,
            before: null,
            after: { name, region: region.code, isAdmin: values.admin },
            summary: `publisher ${name} for ${region.name}${values.admin ? ' (administrator)' : ''}`,
          });
          return created;
        });
        console.log(
          `publisher ${id}: ${name}, region ${region.code} ${region.name}${values.admin ? ', administrator' : ''}. Next: npm run publishers -- key-create --publisher ${id}`,
        );
        break;
      }
      case 'list': {
        const publishers = await findRows(em, Publisher, {}, { id: 'asc' });
        const keys = await findRows(em, ApiKey, {}, { id: 'asc' });
        for (const p of publishers) {
          console.log(
            `${p.id}\t${p.name}\t${p.region}${p.isAdmin ? '\tadministrator' : ''}${p.disabledAt ? `\tclosed ${new Date(p.disabledAt).toISOString().slice(0, 10)}` : ''}`,
          );
          for (const k of keys.filter((x) => x.publisher === p.id)) {
            const state = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString().slice(0, 10)}` : 'active';
            console.log(
              `\tkey ${k.keyId}\t${state}\tcreated ${new Date(k.createdAt).toISOString().slice(0, 10)}${k.lastUsedAt ? `\tlast used ${new Date(k.lastUsedAt).toISOString()}` : ''}${k.label ? `\t${k.label}` : ''}`,
            );
          }
        }
        if (!publishers.length) console.log('no publishers yet: npm run publishers -- create --name … --region …');
        break;
      }
      case 'key-create': {
        const p = await publisherById(values.publisher);
        if (p.disabledAt) throw new UsageError(`--publisher: ${p.name}'s account is closed`);
        await issue(p, values.label?.trim() || null, null);
        break;
      }
      case 'key-rotate': {
        const old = await keyById(values.key);
        if (old.revokedAt) throw new UsageError(`--key: ${old.keyId} is already revoked`);
        const p = await publisherById(String(old.publisher));
        await issue(p, old.label ?? null, old.keyId);
        if (!values['keep-old']) await revoke(em, old.keyId, p.region);
        console.log(
          values['keep-old']
            ? `the old key ${old.keyId} still works: revoke it with key-revoke --key ${old.keyId}`
            : `the old key ${old.keyId} is revoked`,
        );
        break;
      }
      case 'key-revoke': {
        const k = await keyById(values.key);
        if (k.revokedAt) throw new UsageError(`--key: ${k.keyId} is already revoked`);
        const p = await publisherById(String(k.publisher));
        await revoke(em, k.keyId, p.region);
        console.log(`key ${k.keyId} revoked: it no longer works`);
        break;
      }
      case 'disable': {
        const p = await publisherById(values.publisher);
        if (p.disabledAt) throw new UsageError(`--publisher: ${p.name}'s account is already closed`);
        await em.transactional(async (tx) => {
          await tx.nativeUpdate(Publisher, { id: p.id }, { disabledAt: new Date() });
          await audit(tx, WRITER, {
            action: 'publisher.disable',
            entityType: 'Publisher',
            entityKey: p.name,
            region: p.region,
            before: { disabledAt: null },
            after: { disabled: true },
            summary: `account of ${p.name} closed`,
          });
        });
        console.log(`${p.name}: account closed; its keys no longer work`);
        break;
      }
      default:
        throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } finally {
    await orm.close();
  }
}

async function revoke(em: SqlEntityManager, keyId: string, region: string): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.nativeUpdate(ApiKey, { keyId }, { revokedAt: new Date() });
    await audit(tx, WRITER, {
      action: 'key.revoke',
      entityType: 'ApiKey',
      entityKey: keyId,
      region,
      before: { revoked: false },
      after: { revoked: true },
      summary: `key ${keyId} revoked`,
    });
  });
}

main().catch((e) => {
  console.error(`[publishers] ${failureLine(e)}`);
  process.exit(2);
});
