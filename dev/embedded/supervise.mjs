#!/usr/bin/env node
// Process supervisor: runs one command and makes sure it does not outlive us or our parent.
//
//   node supervise.mjs [--pid-file FILE] [--grace-ms N] [--name LABEL] [--max-backoff-ms N] -- COMMAND [ARGS...]
//
// - The child inherits our stdout/stderr (its output reaches whoever reads ours) and gets a stdin
//   pipe that we hold, so a child that watches its stdin also notices when we disappear.
// - When our own stdin closes (the parent died, even by SIGKILL, or closed it on purpose), or we get
//   SIGTERM/SIGINT/SIGHUP, the child gets SIGTERM, then SIGKILL after the grace period (5 s).
// - We exit with the child's exit code (128 + signal number if it was killed by a signal)...
// - ...unless the parent has written the line `restart-on-exit` to our stdin (it does so once the
//   service is ready, so a service that cannot start still fails fast): from then on a child that
//   exits without being asked to is started again, same command (same port, same data), after a
//   backoff that doubles from 500 ms up to --max-backoff-ms (30 s) and starts over once a run has
//   lasted a minute. Each restart is announced on stderr as `[supervise LABEL] restart: ...`.
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
let maxBackoffMs = 30_000;
let name;
while (argv.length > 0 && argv[0] !== '--') {
  const flag = argv.shift();
  const value = argv.shift();
  if (value === undefined) usage(`missing value for ${flag}`);
  if (flag === '--pid-file') pidFile = value;
  else if (flag === '--grace-ms') graceMs = Number(value);
  else if (flag === '--name') name = value;
  else if (flag === '--max-backoff-ms') maxBackoffMs = Number(value);
  else usage(`unknown option ${flag}`);
}
argv.shift(); // the '--'
const [command, ...args] = argv;
if (!command) usage('no command given');
if (!Number.isFinite(graceMs) || graceMs < 0) usage('--grace-ms must be a non-negative number');
if (!Number.isFinite(maxBackoffMs) || maxBackoffMs < 0)
  usage('--max-backoff-ms must be a non-negative number');
const label = name ?? command;

process.stderr.on('error', () => {});
const say = (message) => {
  process.stderr.write(`[supervise ${label}] ${message}\n`);
};

const FIRST_BACKOFF_MS = 500;
/** A run this long counts as stable: the next crash is retried after the first backoff again. */
const STABLE_RUN_MS = 60_000;

let child;
let childStartedAt = 0;
let restartOnExit = false;
let restarts = 0;
let backoffMs = FIRST_BACKOFF_MS;
let restartTimer;
let lastExitCode = 0;
let terminating = false;
let killTimer;

function exitCodeOf(code, signal) {
  if (code !== null) return code;
  const signo = signal ? constants.signals[signal] : undefined;
  return 128 + (signo ?? 1);
}

function removePidFile(pid) {
  if (!pidFile || pid === undefined) return;
  try {
    if (readFileSync(pidFile, 'utf8').trim() === String(pid)) rmSync(pidFile, { force: true });
  } catch {
    // already gone
  }
}

function start() {
  restartTimer = undefined;
  const current = spawn(command, args, { stdio: ['pipe', 'inherit', 'inherit'] });
  child = current;
  childStartedAt = Date.now();
  current.stdin.on('error', () => {}); // EPIPE once the child is gone

  current.on('spawn', () => {
    if (pidFile) {
      try {
        writeFileSync(pidFile, `${current.pid}\n`);
      } catch (error) {
        say(`cannot write pid file ${pidFile}: ${error.message}`);
      }
    }
  });

  current.on('error', (error) => {
    say(`cannot run ${command}: ${error.message}`);
    process.exit(127);
  });

  current.on('exit', (code, signal) => {
    if (killTimer) clearTimeout(killTimer);
    removePidFile(current.pid);
    lastExitCode = exitCodeOf(code, signal);
    if (terminating || !restartOnExit) process.exit(lastExitCode);
    const ranMs = Date.now() - childStartedAt;
    if (ranMs >= STABLE_RUN_MS) backoffMs = FIRST_BACKOFF_MS;
    restarts += 1;
    say(
      `restart: pid ${current.pid} exited unexpectedly (${signal ?? `code ${code}`}) after ${ranMs} ms; starting it again in ${backoffMs} ms (restart ${restarts})`,
    );
    restartTimer = setTimeout(start, backoffMs);
    backoffMs = Math.min(backoffMs * 2, Math.max(maxBackoffMs, FIRST_BACKOFF_MS));
  });
}

function terminate(reason) {
  if (terminating) return;
  terminating = true;
  if (restartTimer) {
    // Between two runs: nothing to stop.
    clearTimeout(restartTimer);
    say(`${reason}: not restarting`);
    process.exit(lastExitCode);
  }
  if (child.exitCode !== null || child.signalCode !== null) return;
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

start();

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
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    if (lines.some((line) => line.trim() === 'restart-on-exit')) restartOnExit = true;
  });
  process.stdin.on('end', () => terminate('parent closed our stdin'));
  process.stdin.on('error', () => terminate('our stdin failed'));
  process.stdin.resume();
}
