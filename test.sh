#!/usr/bin/env bash
# Runs every test with the services they need: installs the pinned Azurite, starts it on 127.0.0.1
# (free ports, throwaway data), builds warning-free, runs `dotnet test`, prints one summary line, stops Azurite.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Rules]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=build/azurite.sh
source build/azurite.sh alerts-azurite
export ALERTS_TEST_STORAGE="$AZURITE_CONNECTION_STRING"
RESULTS=$(mktemp -d -t alerts-results.XXXXXX)

dotnet build Alerts.sln --nologo -clp:ErrorsOnly -warnaserror
status=0
dotnet test Alerts.sln --no-build --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS" "$@" || status=$?

python3 - "$RESULTS" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters").attrib
    passed += int(c["passed"]); failed += int(c["failed"]) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c["total"]) - int(c["executed"])
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$RESULTS"
exit $status
