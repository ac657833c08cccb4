#!/bin/sh
# docker-compose `client` service: the Vite dev server on 0.0.0.0:5173 with the repository mounted
# at /app. Installs the container's own (Linux) dependencies into its node_modules volumes, again
# only when package-lock.json changed. Install scripts are skipped: the dev server needs none
# (no Prisma client, no better-sqlite3 build). `npm install --no-save` rather than `npm ci`, which
# would try to delete node_modules itself (a volume mount point); the lockfile still decides.
set -eu

cd "$(dirname "$0")/.."

lock_sum=$(sha256sum package-lock.json | cut -d ' ' -f 1)
stamp=node_modules/.client-dev-lock-sum
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "[client] installing dependencies (package-lock.json changed)..."
  npm install --no-save --ignore-scripts --no-audit --no-fund
  echo "$lock_sum" >"$stamp"
fi

echo "[client] Vite dev server on http://localhost:5173 (API proxied to ${VITE_API_PROXY_TARGET:-http://localhost:8000})"
exec npm run dev -w client -- --host 0.0.0.0
