#!/usr/bin/env bash
# Backs up the catalogue, with a manifest and SHA256SUMS, into one new folder:
# - PostgreSQL as a custom-format dump (pg_dump -Fc); the embedded SQLite file (npm start's, when
#   DATABASE_URL is unset or sqlite:…) through SQLite's online backup API, while the API runs;
# - Meilisearch as a dump made by its own dumps API.
#
#   [DATABASE_URL=postgres://… | DATABASE_URL=sqlite:… | DATA_DIR=…]  MEILI_URL=http://…  MEILI_MASTER_KEY=…  MEILI_DUMP_DIR=…  scripts/backup.sh [OUT_DIR]
#
# OUT_DIR defaults to ./backups; the backup goes into OUT_DIR/catalogue-<UTC time>/.
# MEILI_DUMP_DIR is where the Meilisearch server writes its dumps, as this machine sees it
# (docker-compose.yml binds it to ./backups/meilisearch-dumps; `npm start`'s embedded server
# uses .data/meilisearch/dumps). Without MEILI_URL the search dump is skipped: the indexes are
# derived from the database and can always be rebuilt from it (npm run search:reindex).
set -euo pipefail

die() { echo "backup: $*" >&2; exit 1; }
here="$(cd "$(dirname "$0")" && pwd)"
case "${DATABASE_URL:-}" in
  postgres://*|postgresql://*) kind=postgresql ;;
  ''|sqlite:*) kind=sqlite ;;
  *) die "DATABASE_URL must be a postgres:// URL or sqlite:<file> (unset: the embedded database under DATA_DIR)" ;;
esac
if [ "$kind" = postgresql ]; then
  command -v pg_dump >/dev/null || die "pg_dump is not installed (Debian: apt-get install postgresql-client)"
else
  [ -f "$here/../api/dist/cli/sqlite-backup.js" ] || die "the API is not built: run npm run build first"
fi

out_root="${1:-./backups}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
dir="$out_root/catalogue-$stamp"
mkdir -p "$dir"
# A failure leaves no half-made backup that could later be mistaken for a good one.
trap 'status=$?; if [ $status -ne 0 ]; then rm -rf "$dir"; echo "backup: failed, nothing kept" >&2; fi' EXIT

if [ "$kind" = postgresql ]; then
  echo "backup: PostgreSQL → $dir/catalogue.pgdump"
  pg_dump --format=custom --no-owner --no-privileges --file "$dir/catalogue.pgdump" "$DATABASE_URL"
  migration="$(psql "$DATABASE_URL" -Atc "select name from schema_migration order by id desc limit 1" 2>/dev/null || echo unknown)"
  rows="$(psql "$DATABASE_URL" -Atc "select (select count(*) from subsidy_notice) || ' notices, ' || (select count(*) from course) || ' classes, ' || (select count(*) from institution) || ' institutions, ' || (select count(*) from audit_entry) || ' audit entries'")"
  database="catalogue.pgdump (pg_dump -Fc, $(pg_dump --version | sed 's/pg_dump (PostgreSQL) //'))"
  files=(catalogue.pgdump)
else
  echo "backup: SQLite (online backup, the API may run) → $dir/catalogue.sqlite"
  summary="$(node "$here/../api/dist/cli/sqlite-backup.js" backup "$dir/catalogue.sqlite")"
  migration="$(printf '%s\n' "$summary" | sed -n 's/^last migration: //p')"
  rows="$(printf '%s\n' "$summary" | sed -n 's/^rows: //p')"
  database="catalogue.sqlite (SQLite online backup, integrity checked)"
  files=(catalogue.sqlite)
fi

meili="skipped (MEILI_URL not set)"
if [ -n "${MEILI_URL:-}" ]; then
  [ -n "${MEILI_MASTER_KEY:-}" ] || die "MEILI_MASTER_KEY must be set with MEILI_URL"
  [ -n "${MEILI_DUMP_DIR:-}" ] || die "MEILI_DUMP_DIR must name the folder where the Meilisearch server writes its dumps"
  echo "backup: Meilisearch dump (POST $MEILI_URL/dumps)"
  task="$(curl -fsS -X POST -H "Authorization: Bearer $MEILI_MASTER_KEY" "$MEILI_URL/dumps" | sed -n 's/.*"taskUid":\([0-9]*\).*/\1/p')"
  [ -n "$task" ] || die "Meilisearch did not accept the dump request"
  dump_uid=""
  for _ in $(seq 1 600); do
    body="$(curl -fsS -H "Authorization: Bearer $MEILI_MASTER_KEY" "$MEILI_URL/tasks/$task")"
    case "$body" in
      *'"status":"succeeded"'*) dump_uid="$(printf '%s' "$body" | sed -n 's/.*"dumpUid":"\([^"]*\)".*/\1/p')"; break;;
      *'"status":"failed"'*|*'"status":"canceled"'*) die "the dump task failed: $body";;
    esac
    sleep 1
  done
  [ -n "$dump_uid" ] || die "the dump task did not finish within 10 minutes"
  [ -f "$MEILI_DUMP_DIR/$dump_uid.dump" ] || die "the server wrote $dump_uid.dump, but it is not in MEILI_DUMP_DIR ($MEILI_DUMP_DIR)"
  cp "$MEILI_DUMP_DIR/$dump_uid.dump" "$dir/meilisearch.dump"
  meili="$dump_uid.dump (task $task)"
fi

cat > "$dir/MANIFEST.txt" <<MANIFEST
Skills Yunnan catalogue backup
made:          $(date -u +%Y-%m-%dT%H:%M:%SZ)
database:      $database
last migration: $migration
rows:          $rows
meilisearch:   $meili
restore:       scripts/restore.sh $dir
MANIFEST
(cd "$dir" && sha256sum -- "${files[@]}" $( [ -f meilisearch.dump ] && echo meilisearch.dump ) MANIFEST.txt > SHA256SUMS)
echo "backup: done → $dir"
cat "$dir/MANIFEST.txt"
