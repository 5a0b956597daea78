#!/usr/bin/env bash
# The main job, locally and offline: analyse the sample wire story (or the files you name) with the
# embedded extractor and the built-in watch rules.
# Usage: ./run.sh [file|folder ...] [--json] [--rules <file|folder>] [--no-builtin-rules]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ $# -eq 0 ] || [[ "$1" == --* ]]; then
  set -- samples/kazakhstan-emergency.txt "$@"
fi
exec dotnet run --project src/Alerts.Cli -- analyze "$@"
