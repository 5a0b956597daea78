#!/usr/bin/env bash
# The main job, locally: the whole pipeline on this machine without Azure Functions Core Tools. Starts Azurite and
# the mail catcher from the repo's pinned npm packages, runs the triggers on the WebJobs SDK, serves the subscription
# API on http://localhost:7071/api/, and uploads whatever you drop into ./inbox. Ctrl+C stops all of it.
# Usage: ./run.sh                      the local pipeline (alerts run --mail --watch ./inbox)
#        ./run.sh <alerts command...>  any other command, e.g. ./run.sh analyze samples --json
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/maildev ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ $# -eq 0 ]; then
  mkdir -p inbox
  set -- run --mail --watch ./inbox
fi
exec dotnet run --project src/Alerts.Cli -- "$@"
