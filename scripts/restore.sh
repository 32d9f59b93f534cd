#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh: checks its SHA256SUMS; restores PostgreSQL with
# pg_restore in one transaction, or puts a SQLite backup in place of the embedded database after
# SQLite's integrity check; and, when the backup holds a search dump and MEILI_DB_PATH is set,
# imports that dump into a new Meilisearch data folder.
#
#   [DATABASE_URL=postgres://… | DATABASE_URL=sqlite:… | DATA_DIR=…]  [MEILI_DB_PATH=… MEILI_MASTER_KEY=… MEILI_BINARY=…]  scripts/restore.sh BACKUP_DIR [--replace]
#
# Stop the API first. PostgreSQL: the database must be empty (a new one: createdb) unless
# --replace is given, which drops the objects the backup holds before recreating them. SQLite:
# the file must not exist unless --replace is given, and then it is kept beside the restored one
# as <file>.before-restore-<time> (with its -wal and -shm), never deleted.
# MEILI_DB_PATH is the data folder of the Meilisearch server, stopped (docker-compose: the
# meilidata volume's data.ms; npm start: .data/meilisearch/data.ms). The folder there is kept
# beside it as <folder>.before-restore-<time>, never deleted. Without MEILI_DB_PATH the search
# indexes are rebuilt from the restored database when the API starts (or npm run search:reindex).
set -euo pipefail

die() { echo "restore: $*" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:-}"; mode="${2:-}"
[ -n "$dir" ] && [ -d "$dir" ] || die "usage: scripts/restore.sh BACKUP_DIR [--replace]"
[ -z "$mode" ] || [ "$mode" = "--replace" ] || die "unknown option $mode (only --replace)"

echo "restore: checking $dir/SHA256SUMS"
(cd "$dir" && sha256sum --quiet -c SHA256SUMS) || die "the backup's files do not match SHA256SUMS: not restoring"

if [ -f "$dir/catalogue.sqlite" ]; then
  case "${DATABASE_URL:-}" in
    ''|sqlite:*) ;;
    *) die "the backup is of the embedded SQLite database: unset DATABASE_URL (DATA_DIR's catalogue.sqlite) or give sqlite:<file>" ;;
  esac
  node "$here/../api/dist/cli/sqlite-backup.js" restore "$dir/catalogue.sqlite" ${mode:+--replace}
else
  [ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL must point at the PostgreSQL database to restore into"
  command -v pg_restore >/dev/null || die "pg_restore is not installed (Debian: apt-get install postgresql-client)"
  tables="$(psql "$DATABASE_URL" -Atc "select count(*) from information_schema.tables where table_schema = current_schema()")"
  clean=()
  if [ "$tables" != "0" ]; then
    [ "$mode" = "--replace" ] || die "the database already has $tables tables: restore into a new database, or give --replace to overwrite it"
    clean=(--clean --if-exists)
  fi
  echo "restore: PostgreSQL ← $dir/catalogue.pgdump"
  pg_restore --single-transaction --exit-on-error --no-owner --no-privileges "${clean[@]}" --dbname "$DATABASE_URL" "$dir/catalogue.pgdump"
  psql "$DATABASE_URL" -Atc "select 'restore: ' || (select count(*) from subsidy_notice) || ' notices, ' || (select count(*) from audit_entry) || ' audit entries; last migration ' || (select name from schema_migration order by id desc limit 1)"
fi

if [ -f "$dir/meilisearch.dump" ] && [ -n "${MEILI_DB_PATH:-}" ]; then
  [ -n "${MEILI_MASTER_KEY:-}" ] || die "MEILI_MASTER_KEY must be set with MEILI_DB_PATH (the key the server runs with)"
  bin="${MEILI_BINARY:-}"
  if [ -z "$bin" ]; then
    bin="$(command -v meilisearch || node -e "process.stdout.write(require('@skills-yunnan/search').findMeilisearchBinary())" 2>/dev/null || true)"
  fi
  [ -n "$bin" ] && [ -x "$bin" ] || die "no Meilisearch binary: set MEILI_BINARY"
  if [ -e "$MEILI_DB_PATH" ]; then
    aside="$MEILI_DB_PATH.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
    mv "$MEILI_DB_PATH" "$aside"
    echo "restore: the search data folder there before is kept at $aside"
  fi
  port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})")"
  echo "restore: Meilisearch ← $dir/meilisearch.dump (importing on 127.0.0.1:$port)"
  "$bin" --db-path "$MEILI_DB_PATH" --import-dump "$dir/meilisearch.dump" --http-addr "127.0.0.1:$port" \
    --master-key "$MEILI_MASTER_KEY" --env production --no-analytics --dump-dir "$(dirname "$MEILI_DB_PATH")/dumps" >"$dir/restore-meilisearch.log" 2>&1 &
  pid=$!
  # The server answers only once the dump is imported.
  ok=""
  for _ in $(seq 1 600); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then ok=1; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -n "$ok" ] || die "Meilisearch did not import the dump (see $dir/restore-meilisearch.log)"
  echo "restore: search data imported into $MEILI_DB_PATH"
elif [ -f "$dir/meilisearch.dump" ]; then
  echo "restore: search dump not imported (MEILI_DB_PATH not set): the API rebuilds the indexes from the restored database when it starts"
fi
echo "restore: done; start the API (it runs any newer migrations first)"
