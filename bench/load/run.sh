#!/usr/bin/env bash
# End-to-end load test, loopback only: starts the repo's pinned Azurite on 127.0.0.1 (free ports, throwaway data),
# runs bench/Alerts.LoadTest (the local host of `alerts run` in-process, a webhook receiver on 127.0.0.1), stops Azurite.
# Usage: bench/load/run.sh [--articles 1000] [--subscriptions 1000] [--digest-subscriptions 10000] [--timeout 900]
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
BLOB_PORT=$(free_port); QUEUE_PORT=$(free_port); TABLE_PORT=$(free_port)
AZURITE_DATA=$(mktemp -d -t alerts-load.XXXXXX)
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
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"
echo "Azurite on 127.0.0.1: blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT"

dotnet run -c Release --project bench/Alerts.LoadTest -- --storage "$STORAGE" "$@"
