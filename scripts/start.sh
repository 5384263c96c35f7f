#!/usr/bin/env bash
# Builds, migrates, seeds demo data and runs api + worker (one port for HTTP: $PORT, default 3000).
# Ctrl-C / SIGTERM stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/kakawari}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@kakawari.example}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-kakawari-demo-admin-2026}"

node scripts/ensure-database.js
[ -d dist ] && [ "${SKIP_BUILD:-}" = "1" ] || npm run --silent build
node dist/apps/cli/src/main.js migrate
node dist/apps/cli/src/main.js seed

node dist/apps/worker/src/main.js &
WORKER=$!
node dist/apps/api/src/main.js &
API=$!
trap 'kill -TERM $API $WORKER 2>/dev/null; wait $API $WORKER' INT TERM
echo "Kakawari: http://localhost:${PORT:-3000}/api/docs  (admin: $ADMIN_EMAIL)"
wait -n $API $WORKER
STATUS=$?
kill -TERM $API $WORKER 2>/dev/null || true
wait || true
exit $STATUS
