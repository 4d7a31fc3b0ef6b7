// Runs Azurite as children and stops them when the parent .NET process goes away (stdin closes),
// so an emulator started by the local host or the tests never outlives them.
//
// One node process per service (blob, queue, table), each with its own options: Azurite serves every request on one
// thread, so with the three services in one process, table reads and writes waited behind queue polling and blob
// uploads. Separate processes use separate cores — as the real services are separate. Arguments are those of
// `azurite` (all services); each child gets the common ones and its own --<service>Host/--<service>Port.
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const readline = require('readline');

const dist = path.join(__dirname, '..', 'node_modules', 'azurite', 'dist', 'src');
// AZURITE_NODE_ARGS: extra node flags for the emulator (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it;
// node refuses --cpu-prof in NODE_OPTIONS).
const nodeArgs = (process.env.AZURITE_NODE_ARGS || '').split(' ').filter(Boolean);

const services = ['blob', 'queue', 'table'];
const own = Object.fromEntries(services.map((s) => [s, []]));
const common = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const service = services.find((s) => a.startsWith(`--${s}`));
  const takesValue = /^--(blob|queue|table)(Host|Port|KeepAliveTimeout)$/.test(a) || a === '--location' || a === '-l'
    || a === '--debug' || a === '-d' || a === '--cert' || a === '--key' || a === '--pwd' || a === '--oauth';
  const group = service ? own[service] : common;
  group.push(a);
  if (takesValue && i + 1 < argv.length) group.push(argv[++i]);
}

const children = services.map((s) =>
  spawn(process.execPath, [...nodeArgs, path.join(dist, s, 'main.js'), ...common, ...own[s]], { stdio: ['ignore', 'pipe', 'inherit'] }));

// Each service prints "Azurite <Service> service successfully listens on …" (blob, queue) or "… successfully started
// on …" (table) once its server listens; a port already in use makes it exit instead. READY is printed once all three
// have: the launcher waits for it, since a port that answers may be another process's (src/LocalHost/AzuriteLauncher.cs).
const READY = 'run-azurite: all services listening';
const listening = new Set();
children.forEach((c, i) => {
  const lines = readline.createInterface({ input: c.stdout });
  lines.on('line', (line) => {
    process.stdout.write(line + '\n');
    if (/ service successfully (listens|started) on /.test(line) && !listening.has(i)) {
      listening.add(i);
      if (listening.size === children.length) process.stdout.write(READY + '\n');
    }
  });
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // The table service saves its database on SIGINT only (blob and queue on SIGTERM too).
  children.forEach((c, i) => c.kill(services[i] === 'table' ? 'SIGINT' : 'SIGTERM'));
  setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 5000).unref();
}
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

let running = children.length;
let firstCode = null;
for (const c of children) {
  c.on('exit', (code, signal) => {
    if (firstCode === null) firstCode = code ?? (signal ? 0 : 1);
    stop(); // one service gone: take the others down too, so the caller sees the emulator stopped
    if (--running === 0) process.exit(firstCode);
  });
}
