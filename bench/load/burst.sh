#!/usr/bin/env bash
# The local host's ingest burst at full size, loopback only: 200 stories at 10 a second by a plain blob client and 50
# through the watched folder, against an Azurite of the test's own; every one must end with one status row within
# 3 minutes of the last upload, and the API must answer. Prints how long the last ones took.
# Usage: bench/load/burst.sh [plain uploads, default 200] [watched-folder uploads, default 50]
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export ALERTS_BURST_PLAIN="${1:-200}" ALERTS_BURST_WATCHED="${2:-50}"

# shellcheck source=build/azurite.sh
source build/azurite.sh alerts-burst
export ALERTS_TEST_STORAGE="$AZURITE_CONNECTION_STRING"
dotnet build tests/Alerts.IntegrationTests --nologo -clp:ErrorsOnly
dotnet test tests/Alerts.IntegrationTests --no-build --nologo --logger "console;verbosity=detailed" \
  --filter "FullyQualifiedName~LocalIngestFaultTests.A_burst_of_uploads" | grep -E "^\s+(Passed|Failed) |uploads analysed|Total tests|Error Message|Assert"
