// Readings from /proc: CPU time and memory of a process by PID, and the machine's busy time, so
// a server is measured from outside without its cooperation (Linux only).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat and /proc/stat (USER_HZ, almost always 100). */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User plus system CPU time of `pid` (all its threads), in microseconds. */
export function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1e6) / CLOCK_TICKS;
}

/** VmRSS and VmHWM (peak RSS) of `pid`, in bytes. */
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    return match === null ? Number.NaN : Number(match[1]) * 1024;
  };
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/**
 * Busy CPU time of the whole machine (all cores) in microseconds: `tasks` (user, nice, system,
 * steal) and `interrupts` (irq and softirq: on loopback, much of the TCP work lands there, charged
 * to no process).
 */
export function machineBusyMicros() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return {
    tasks: ((user + nice + system + steal) * 1e6) / CLOCK_TICKS,
    interrupts: ((irq + softirq) * 1e6) / CLOCK_TICKS,
  };
}

/** A reading of everything the harness compares across a measured window. */
export function sample(pids) {
  return {
    at: performance.now(),
    machine: machineBusyMicros(),
    cpu: Object.fromEntries(pids.map((pid) => [pid, cpuMicros(pid)])),
  };
}

/** A short description of this machine, for the results. */
export function describeMachine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  const meminfo = readFileSync('/proc/meminfo', 'utf8');
  const memKb = Number(/^MemTotal:\s+(\d+) kB/m.exec(meminfo)?.[1] ?? Number.NaN);
  let nproc = Number.NaN;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    // nproc is coreutils; without it the count stays unknown.
  }
  const kernel = readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  return { nproc, model, memoryGiB: memKb / 1024 / 1024, node: process.version, kernel };
}

/** The 1-minute load average. */
export function loadAverage() {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
