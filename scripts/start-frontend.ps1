# scripts/start-frontend.ps1 — Windows wrapper for `npm run start-frontend`: the Vite dev server on http://localhost:5173, proxying /api to the API.
# Usage (from anywhere):  powershell -ExecutionPolicy Bypass -File scripts\start-frontend.ps1
# Configuration comes from the environment or the project's .env (see .env.example).
$ErrorActionPreference = 'Stop'
if (-not (Get-Command npm -ErrorAction SilentlyContinue)) {
    Write-Host 'npm was not found: install Node.js 20 (https://nodejs.org) and run npm ci first.' -ForegroundColor Red
    exit 1
}
Push-Location (Join-Path $PSScriptRoot '..')
try {
    npm run start-frontend -- @args
    $code = $LASTEXITCODE
} finally {
    Pop-Location
}
exit $code
