#!/usr/bin/env bash
# Reproduce the scale figures of bench/RESULTS.md: generate SQLite with 1 council and
# PostgreSQL with 1, 30 and 317 councils (kept between runs: generate-data resumes), each with
# the status snapshots of its 8 most recent locked quarters, as if it had locked them, then time
# the pages and API lists of council synthetic-001 on each, and the read API against Datasette.
# Needs `pip install -e '.[bench]'` (Datasette) and Debian's wrk for the last step.
# Usage: bench/scale.sh [output folder, default var/scale]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-var/scale}"
mkdir -p "$out"
py=.venv/bin/python
cli=.venv/bin/councilplan

export COUNCILPLAN_PG_PORT="${COUNCILPLAN_PG_PORT:-54330}"
export COUNCILPLAN_PG_DIR="${COUNCILPLAN_PG_DIR:-/tmp/councilplan-bench-pg}"
server="$(scripts/postgres-for-tests)"
server="${server%/*}"

sqlite="$PWD/$out/one-council.sqlite3"
# generate-data resumes: it adds nothing to a council already made, but the status snapshots of
# its most recent locked quarters when a council made before them has none.
DATABASE_URL="sqlite:///$sqlite" $cli migrate -v0
DATABASE_URL="sqlite:///$sqlite" $cli generate-data --councils 1
DATABASE_URL="sqlite:///$sqlite" $py bench/scale_bench.py --label "SQLite" --http --reports \
  --json "$out/sqlite-1.json"

for n in 1 30 317; do
  db="councilplan_scale_$n"
  psql -q "$server/postgres" -tc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || psql -q "$server/postgres" -c "CREATE DATABASE $db"
  export DATABASE_URL="$server/$db"
  $cli migrate -v0
  $cli generate-data --councils "$n"
  psql -q "$DATABASE_URL" -c "VACUUM ANALYZE"
  reports=""
  if [ "$n" != 30 ]; then reports="--reports"; fi
  $py bench/scale_bench.py --label "PostgreSQL" --http $reports --json "$out/postgresql-$n.json"
  unset DATABASE_URL
done

$py bench/datasette_bench.py --database "$sqlite"
