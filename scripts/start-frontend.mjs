#!/usr/bin/env node
// `npm run start-frontend`: the Vite dev server on :5173, proxying /api to the API
// (VITE_API_PROXY_TARGET, default http://localhost:8000). Windows: scripts/start-frontend.ps1.
import { loadDotEnv, runNpmForeground } from './lib/dev-tools.mjs';

loadDotEnv();
const env = { ...process.env };
if (!env.VITE_API_PROXY_TARGET && env.PORT) env.VITE_API_PROXY_TARGET = `http://localhost:${env.PORT}`;
runNpmForeground(['run', 'dev', '-w', 'client', '--', ...process.argv.slice(2)], { env });
