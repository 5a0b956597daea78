#!/usr/bin/env bash
# End-to-end load test, loopback only: starts the repo's pinned Azurite on 127.0.0.1 (free ports, throwaway data),
# runs bench/Alerts.LoadTest (the local host of `alerts run` in-process, a webhook receiver on 127.0.0.1), stops Azurite.
# Usage: bench/load/run.sh [--articles 1000] [--subscriptions 1000] [--digest-subscriptions 10000] [--timeout 900]
#        [--via blob|upload|folder] [--rate uploads-per-second, 0 = as fast as possible]
#        or: bench/load/run.sh --fan-out 1000 [--fan-out-batch 50] --timeout 300   (N immediate subscribers of one rule, one upload)
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# shellcheck source=build/azurite.sh
source build/azurite.sh alerts-load

dotnet run -c Release --project bench/Alerts.LoadTest -- --storage "$AZURITE_CONNECTION_STRING" "$@"
