# Sourced by test.sh and bench/load/run.sh: installs the pinned Azurite if needed, starts it on 127.0.0.1 on free
# ports with throw-away data, stops it (and removes the data) when the calling script exits, and sets
# AZURITE_CONNECTION_STRING. Usage: source build/azurite.sh <name for the temp folder>
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
BLOB_PORT=$(free_port); QUEUE_PORT=$(free_port); TABLE_PORT=$(free_port)
AZURITE_DATA=$(mktemp -d -t "${1:-alerts-azurite}.XXXXXX")

# Blob, queue and table each in a process of its own: one Node.js event loop serving all three is what limits the
# pipeline's throughput on Azurite, and three use more than one core. No telemetry leaves the machine.
# `alerts run` starts the same three command lines (src/Alerts.LocalHost/LocalAzurite.cs); a test holds them together.
AZURITE_PIDS=()
for service in blob queue table; do
  port_var="${service^^}_PORT"
  node_modules/.bin/azurite-$service --silent --disableTelemetry --location "$AZURITE_DATA" \
    "--${service}Host" 127.0.0.1 "--${service}Port" "${!port_var}" --skipApiVersionCheck --loose \
    >"$AZURITE_DATA/azurite-$service.log" 2>&1 &
  AZURITE_PIDS+=($!)
done
stop_azurite() {
  kill "${AZURITE_PIDS[@]}" 2>/dev/null || true
  wait "${AZURITE_PIDS[@]}" 2>/dev/null || true
  rm -rf "$AZURITE_DATA"
}
trap stop_azurite EXIT

for port in "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT"; do
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.1
  done
done

# Azurite's well-known development account; it is public and only valid against the emulator.
AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;"
echo "Azurite on 127.0.0.1: blob $BLOB_PORT, queue $QUEUE_PORT, table $TABLE_PORT"
