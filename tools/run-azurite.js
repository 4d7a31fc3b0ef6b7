// Runs Azurite as a child and stops it when the parent .NET process goes away (stdin closes),
// so an emulator started by the local host or the tests never outlives them.
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const entry = path.join(__dirname, '..', 'node_modules', 'azurite', 'dist', 'src', 'azurite.js');
// AZURITE_NODE_ARGS: extra node flags for the emulator (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it;
// node refuses --cpu-prof in NODE_OPTIONS).
const nodeArgs = (process.env.AZURITE_NODE_ARGS || '').split(' ').filter(Boolean);
const child = spawn(process.execPath, [...nodeArgs, entry, ...process.argv.slice(2)], { stdio: ['ignore', 'inherit', 'inherit'] });

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
}
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
