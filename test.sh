#!/usr/bin/env bash
# Runs every test with the services they need: installs the pinned Azurite, starts it on 127.0.0.1
# (free ports, throwaway data), builds warning-free, runs `dotnet test`, prints one summary line, stops Azurite.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Rules]
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
BLOB_PORT=$(free_port); QUEUE_PORT=$(free_port); TABLE_PORT=$(free_port)
AZURITE_DATA=$(mktemp -d -t alerts-azurite.XXXXXX)
RESULTS=$(mktemp -d -t alerts-results.XXXXXX)

node_modules/.bin/azurite --silent --location "$AZURITE_DATA" \
  --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
  --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" --skipApiVersionCheck --loose >"$AZURITE_DATA/azurite.log" 2>&1 &
AZURITE_PID=$!
cleanup() {
  kill "$AZURITE_PID" 2>/dev/null || true
  wait "$AZURITE_PID" 2>/dev/null || true
  rm -rf "$AZURITE_DATA"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$TABLE_PORT") 2>/dev/null; then break; fi
  sleep 0.1
done

# Azurite's well-known development account; it is public and only valid against the emulator.
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export ALERTS_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"
echo "Azurite on 127.0.0.1: blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT"

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
