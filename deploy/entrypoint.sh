#!/usr/bin/env bash
# Container entrypoint (ECS task, docker-compose `app`): migrate → seed → create admin → serve.
#
#   1/4  prisma migrate deploy for the provider DATABASE_URL names   (node scripts/db-migrate.mjs)
#   2/4  seed the reference sales teams, idempotent                   (server cli/seed)
#   3/4  create the `admin` user once, password from ADMIN_PASSWORD   (server cli/create-admin)
#   4/4  exec the API server, so it is PID 1's process and receives SIGTERM directly
#
# Every step's configuration is validated by the app itself: in production it refuses a missing or
# short SECRET_KEY and a default admin password. A failed step stops here with a non-zero exit, so the
# container (and the ECS deployment) fails instead of serving a half-initialised database.
#
# The same script runs from a repository checkout (the infra tests do that). How the server code runs:
#   LOAN_ENGINE_RUNNER=auto  (default) compiled server/dist when it exists (the image), else TypeScript
#                            sources through tsx (a clone after `npm ci`, no build needed)
#   LOAN_ENGINE_RUNNER=dist  always server/dist (fails if it was not built)
#   LOAN_ENGINE_RUNNER=tsx   always server/src through tsx
# LOAN_ENGINE_ROOT overrides the project root (default: the folder above this script's folder).
set -euo pipefail

ROOT="${LOAN_ENGINE_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
RUNNER="${LOAN_ENGINE_RUNNER:-auto}"
TOTAL=4

log() {
  printf '[entrypoint] %s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"
}

fail() {
  log "ERROR: $*" >&2
  exit 1
}

cd "$ROOT" || fail "project root $ROOT does not exist"

case "$RUNNER" in
  auto)
    if [ -f server/dist/index.js ]; then RUNNER=dist; else RUNNER=tsx; fi
    ;;
  dist | tsx) ;;
  *) fail "LOAN_ENGINE_RUNNER must be auto, dist or tsx (got \"$RUNNER\")" ;;
esac

if [ "$RUNNER" = dist ]; then
  [ -f server/dist/index.js ] || fail "server/dist/index.js is missing: run \`npm run build\` or use LOAN_ENGINE_RUNNER=tsx"
  server_cmd() { node "server/dist/$1.js" "${@:2}"; }
  exec_server() { exec node server/dist/index.js "$@"; }
else
  [ -d node_modules/tsx ] || fail "node_modules/tsx is missing: run \`npm ci\` first"
  server_cmd() { node --import tsx "server/src/$1.ts" "${@:2}"; }
  exec_server() { exec node --import tsx server/src/index.ts "$@"; }
fi

# step <number> <title> <command...>: runs one step, logs its outcome and duration, stops on failure.
step() {
  local number=$1 title=$2 started=$SECONDS
  shift 2
  log "step ${number}/${TOTAL}: ${title}..."
  if ! "$@"; then
    fail "step ${number}/${TOTAL} (${title}) failed; see the messages above. Not starting the server."
  fi
  log "step ${number}/${TOTAL}: ${title}: done ($((SECONDS - started))s)"
}

log "Loan Engine starting (ENVIRONMENT=${ENVIRONMENT:-development}, code: ${RUNNER}, root: ${ROOT})"
step 1 "apply database migrations" node scripts/db-migrate.mjs
step 2 "seed reference data (sales teams)" server_cmd cli/seed
step 3 "ensure the admin user" server_cmd cli/create-admin
log "step 4/${TOTAL}: start the API server on port ${PORT:-8000}"
exec_server "$@"
