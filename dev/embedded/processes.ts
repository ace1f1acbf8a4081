/**
 * Child-process plumbing shared by the embedded services: free ports, finding the plain .mjs
 * helpers next to the sources, spawning through supervise.mjs, stale-process cleanup, and the
 * process 'exit' hook that terminates whatever is still running.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../../src/logger.js';
import { DEV_DIR } from './paths.js';

const OUTPUT_LINES_KEPT = 40;
/** The longest wait between two restarts of a crashed embedded service (the first is 500 ms, then doubling). */
export const RESTART_MAX_BACKOFF_MS = 30_000;
/** How supervise.mjs announces a restart on its stderr. */
const RESTART_LINE = /^\[supervise [^\]]*\] restart: /;
/** Colour codes some services write even to a pipe. */
const ANSI_ESCAPES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Asks the OS for a free TCP port on 127.0.0.1. @throws if no socket can be bound. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}

/**
 * Returns the path of a plain .mjs helper in the checkout's dev/embedded/ (e.g. 'supervise.mjs');
 * these helpers always run from source (never bundled, never built to dist/).
 * @throws when the file is missing.
 */
export function locateDevFile(fileName: string): string {
  const candidate = join(DEV_DIR, fileName);
  if (!existsSync(candidate)) throw new Error(`cannot find ${fileName} in ${DEV_DIR}`);
  return candidate;
}

/** Whether a process with this pid exists and is not a zombie. Never throws. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}

function readCommandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return undefined;
  }
}

function readPid(pidFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Waits until the process is gone or the time is up; true if it is gone. Never throws. */
export async function waitForProcessExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await delay(50);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  // Never 0, -1 or a process group: those would reach far more than the one process meant.
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number.parseInt(fields[1] ?? '', 10);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * If `pidFile` names a live process whose command line contains every one of `markers` (a service
 * left running by a crashed earlier run, still holding its data directory), stops it: SIGTERM,
 * then SIGKILL after `graceMs`. Removes the pid file.
 * @throws when that process is still supervised, i.e. another running instance of this service owns it.
 */
export async function killStaleProcess(
  pidFile: string,
  markers: string[],
  logger: Logger,
  graceMs = 5000,
): Promise<void> {
  const pid = readPid(pidFile);
  if (pid === undefined) {
    rmSync(pidFile, { force: true });
    return;
  }
  const commandLine = isProcessAlive(pid) ? readCommandLine(pid) : undefined;
  if (commandLine !== undefined && markers.every((marker) => commandLine.includes(marker))) {
    // A supervisor exits when its parent does: a live one means a live owner, not a crashed run.
    const ppid = parentPid(pid);
    const parentCommand = ppid !== undefined && ppid > 1 ? readCommandLine(ppid) : undefined;
    if (parentCommand?.includes('supervise.mjs') === true && ppid !== undefined && isProcessAlive(ppid)) {
      throw new Error(
        `${markers[0] ?? 'A service'} (pid ${pid}) for ${markers[1] ?? pidFile} belongs to another running instance: stop it first, or use another data directory.`,
      );
    }
    logger.warn({ pid, pidFile }, `stopping ${markers[0] ?? 'a process'} left running by an earlier run`);
    signal(pid, 'SIGTERM');
    if (!(await waitForProcessExit(pid, graceMs))) {
      signal(pid, 'SIGKILL');
      await waitForProcessExit(pid, 2000);
    }
  }
  rmSync(pidFile, { force: true });
}

/** A service running under supervise.mjs. */
export interface SupervisedProcess {
  /** The supervisor's pid. */
  readonly pid: number;
  /** Resolves with the supervisor's exit code (the service's) once it has exited. */
  readonly exited: Promise<number | null>;
  /** The service's last output lines, for error messages. */
  recentOutput(): string[];
  /** Whether the supervisor is still running. */
  isRunning(): boolean;
  /**
   * From now on, a service that exits without being stopped is started again (same command, so the
   * same port and data) with exponential backoff up to RESTART_MAX_BACKOFF_MS; call it once the
   * service is ready, so that one that cannot start still fails fast. Never throws.
   */
  restartOnCrash(): void;
  /** Stops the service (SIGTERM, SIGKILL after the grace period) and waits for it for good; idempotent, never throws. */
  stop(): Promise<void>;
}

/** What to run under the supervisor. */
export interface SuperviseOptions {
  /** Label for logs. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The supervisor writes the service's own pid here while it runs. */
  pidFile?: string;
  /** How long the service may take to stop after SIGTERM before SIGKILL. */
  graceMs: number;
  logger: Logger;
  /** Called with each output line (stdout and stderr) of the service. */
  onLine?: (line: string) => void;
}

type SupervisorChild = ChildProcessByStdio<Writable, Readable, Readable>;

const running = new Set<{ child: SupervisorChild; pid: number; pidFile: string | undefined }>();
let exitHookInstalled = false;

/**
 * Registers (once) a process 'exit' hook that synchronously sends SIGTERM to every supervisor
 * still running (each then stops its service), and SIGKILLs a service whose supervisor is gone.
 */
export function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const entry of running) {
      if (entry.child.exitCode === null && entry.child.signalCode === null) {
        signal(entry.pid, 'SIGTERM');
      } else if (entry.pidFile !== undefined) {
        const servicePid = readPid(entry.pidFile);
        if (servicePid !== undefined) signal(servicePid, 'SIGKILL');
      }
    }
  });
}

/**
 * Starts `command` under supervise.mjs with a stdin pipe, so the service is stopped even if this
 * process is SIGKILLed. Output lines go to logger.debug. @throws if the supervisor cannot be spawned.
 */
export function startSupervised(options: SuperviseOptions): SupervisedProcess {
  installExitHook();
  const supervisor = locateDevFile('supervise.mjs');
  const supervisorArgs = [
    supervisor,
    '--name',
    options.name,
    '--grace-ms',
    String(options.graceMs),
    '--max-backoff-ms',
    String(RESTART_MAX_BACKOFF_MS),
  ];
  if (options.pidFile !== undefined) supervisorArgs.push('--pid-file', options.pidFile);
  const child: SupervisorChild = spawn(
    process.execPath,
    [...supervisorArgs, '--', options.command, ...options.args],
    {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Own process group: a Ctrl-C in the terminal reaches only us, and we stop the services in order.
      detached: true,
    },
  );
  if (child.pid === undefined)
    throw new Error(`could not start ${options.name}: spawning ${process.execPath} failed`);
  const pid = child.pid;
  const entry = { child, pid, pidFile: options.pidFile };
  running.add(entry);
  child.stdin.on('error', () => {});

  const recent: string[] = [];
  const onLine = (rawLine: string): void => {
    const line = rawLine.replace(ANSI_ESCAPES, '');
    recent.push(line);
    if (recent.length > OUTPUT_LINES_KEPT) recent.shift();
    if (RESTART_LINE.test(line)) options.logger.warn({ embedded: options.name }, line);
    else options.logger.debug({ embedded: options.name }, line);
    options.onLine?.(line);
  };
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
  createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', onLine);

  // 'close' comes once the output pipes are drained, so recentOutput() then holds the last lines;
  // but a service orphaned by a killed supervisor would hold them open, so do not wait long for it.
  const outputClosed = new Promise<void>((resolveClosed) => child.once('close', () => resolveClosed()));
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => {
      running.delete(entry);
      void Promise.race([outputClosed, delay(500, undefined, { ref: false })]).then(() => resolveExit(code));
    });
    child.once('error', (error) => {
      onLine(`supervisor error: ${error.message}`);
      running.delete(entry);
      resolveExit(null);
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        signal(pid, 'SIGTERM');
        child.stdin.end();
        const done = await Promise.race([
          exited.then(() => true),
          delay(options.graceMs + 3000, undefined, { ref: false }).then(() => false),
        ]);
        if (!done) {
          options.logger.warn({ embedded: options.name }, `${options.name} did not stop in time: killing it`);
          signal(pid, 'SIGKILL');
          await Promise.race([exited, delay(2000, undefined, { ref: false })]);
        }
      }
      // The supervisor is gone; make sure the service is too (it removes the pid file when it exits).
      if (options.pidFile !== undefined) {
        const servicePid = readPid(options.pidFile);
        if (servicePid !== undefined && isProcessAlive(servicePid)) {
          signal(servicePid, 'SIGKILL');
          await waitForProcessExit(servicePid, 2000);
        }
      }
    })();
    return stopping;
  };

  return {
    pid,
    exited,
    recentOutput: () => [...recent],
    isRunning: () => child.exitCode === null && child.signalCode === null,
    restartOnCrash: () => {
      if (child.exitCode === null && child.signalCode === null && stopping === undefined)
        child.stdin.write('restart-on-exit\n');
    },
    stop,
  };
}
