// Preloaded (node --require) into every Node.js service `alerts run` starts (NodeService.cs): the service stops when
// `alerts run` goes, however it goes (Ctrl+C, SIGTERM, a crash, SIGKILL), so no orphan keeps the ports and the data.
// `alerts run` holds the write end of this process's standard input; the operating system closes it when `alerts run`
// exits for any reason, and the end of input is the signal. SIGTERM lets Azurite close its servers and save its data.
'use strict';
const input = process.stdin;
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  process.kill(process.pid, 'SIGTERM');
  // A service that does not stop within 10 s of its parent going is ended anyway.
  setTimeout(() => process.exit(0), 10000).unref();
}
input.on('end', stop);
input.on('close', stop);
input.on('error', stop);
input.resume();
// The service's own handles keep it alive; its standard input must not keep it running after a normal stop.
if (typeof input.unref === 'function') input.unref();
