#!/usr/bin/env node
// Process supervisor: runs one command and makes sure it does not outlive us or our parent.
//
//   node supervise.mjs [--pid-file FILE] [--grace-ms N] [--name LABEL] -- COMMAND [ARGS...]
//
// - The child inherits our stdout/stderr (its output reaches whoever reads ours) and gets a stdin
//   pipe that we hold, so a child that watches its stdin also notices when we disappear.
// - When our own stdin closes (the parent died, even by SIGKILL, or closed it on purpose), or we get
//   SIGTERM/SIGINT/SIGHUP, the child gets SIGTERM, then SIGKILL after the grace period (5 s).
// - We exit with the child's exit code (128 + signal number if it was killed by a signal).
// - With --pid-file, the child's pid is written there while it runs and removed when it exits.
// Our stdin must be a pipe held by the parent; if it is a terminal or a file it is not watched.

import { spawn } from 'node:child_process';
import { fstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';

function usage(message) {
  process.stderr.write(
    `[supervise] ${message}\nusage: supervise.mjs [--pid-file FILE] [--grace-ms N] [--name LABEL] -- COMMAND [ARGS...]\n`,
  );
  process.exit(2);
}

const argv = process.argv.slice(2);
let pidFile;
let graceMs = 5000;
let name;
while (argv.length > 0 && argv[0] !== '--') {
  const flag = argv.shift();
  const value = argv.shift();
  if (value === undefined) usage(`missing value for ${flag}`);
  if (flag === '--pid-file') pidFile = value;
  else if (flag === '--grace-ms') graceMs = Number(value);
  else if (flag === '--name') name = value;
  else usage(`unknown option ${flag}`);
}
argv.shift(); // the '--'
const [command, ...args] = argv;
if (!command) usage('no command given');
if (!Number.isFinite(graceMs) || graceMs < 0) usage('--grace-ms must be a non-negative number');
const label = name ?? command;

process.stderr.on('error', () => {});
const say = (message) => {
  process.stderr.write(`[supervise ${label}] ${message}\n`);
};

const child = spawn(command, args, { stdio: ['pipe', 'inherit', 'inherit'] });
child.stdin.on('error', () => {}); // EPIPE once the child is gone

let terminating = false;
let killTimer;

function removePidFile() {
  if (!pidFile || child.pid === undefined) return;
  try {
    if (readFileSync(pidFile, 'utf8').trim() === String(child.pid)) rmSync(pidFile, { force: true });
  } catch {
    // already gone
  }
}

function terminate(reason) {
  if (terminating || child.exitCode !== null || child.signalCode !== null) return;
  terminating = true;
  say(`${reason}: sending SIGTERM to pid ${child.pid}`);
  try {
    child.kill('SIGTERM');
  } catch {
    // already exited
  }
  killTimer = setTimeout(() => {
    say(`pid ${child.pid} still running after ${graceMs} ms: sending SIGKILL`);
    try {
      child.kill('SIGKILL');
    } catch {
      // already exited
    }
  }, graceMs);
}

child.on('spawn', () => {
  if (pidFile) {
    try {
      writeFileSync(pidFile, `${child.pid}\n`);
    } catch (error) {
      say(`cannot write pid file ${pidFile}: ${error.message}`);
    }
  }
});

child.on('error', (error) => {
  say(`cannot run ${command}: ${error.message}`);
  process.exit(127);
});

child.on('exit', (code, signal) => {
  if (killTimer) clearTimeout(killTimer);
  removePidFile();
  if (code !== null) process.exit(code);
  const signo = signal ? constants.signals[signal] : undefined;
  process.exit(128 + (signo ?? 1));
});

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => terminate(`got ${signal}`));
}

function stdinIsPipe() {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}
if (stdinIsPipe()) {
  process.stdin.on('data', () => {}); // we only care about its end
  process.stdin.on('end', () => terminate('parent closed our stdin'));
  process.stdin.on('error', () => terminate('our stdin failed'));
  process.stdin.resume();
}
