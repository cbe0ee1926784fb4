import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLab } from '../lab/lab-config';
import type { SshPaths } from '../lab/paths';
import { descendants, listProcesses, procInfo, terminate, type ProcInfo } from '../lab/proc';
import { ensureSshd, SSH_HOST, stopSshd, type SshdState } from '../lab/sshd';
import { ensureKeyPair, fingerprint, publicKeyLine } from '../lab/ssh-keys';
import { waitUntil } from '../lab/wait';
import { reliabilityTable } from './reliability-table';

/**
 * SSH faults against throwaway sshds of this file's own (loopback, random ports, own host keys, configs
 * and pidfiles; stopped in afterAll), each through the built CLI as a user runs it: `parity check
 * --staging` (or `parity snapshot --staging`) must end with the exit code the CLI promises (3 the
 * environment failed; 4 timed out), say what happened and what to do, never hang and never hold a flood of
 * remote output in memory. Each fault is a login key whose authorized_keys line forces a command
 * (command=…): the sshd stays one process, the key picks the misbehaviour.
 */
const lab = loadLab();
const table = reliabilityTable('5-ssh', 'SSH: staging faults through parity check and snapshot --staging');
afterAll(() => table.write());

const STACK_TRACE = /\n\s+at \S+ \(/;
// Control characters a terminal would act on; remote bytes must never reach the screen raw.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const FLOOD_BYTES = 100 * 1024 * 1024;
const GARBAGE_BYTES = 8 * 1024 * 1024;
const HANG_TIMEOUT_S = 5;
/** How much more than a healthy run the CLI may hold while a 100 MB flood is refused. */
const MEMORY_BOUND_MIB = 64;
/**
 * Every run gets this long (--timeout) unless the test sets its own: at the lab's load (20 to 100) reading
 * staging's real evidence can take minutes, and a fault must end a run by itself, not by the timeout.
 */
const HEALTHY_TIMEOUT_S = 600;
// A CLI still running after its own longest wait (HEALTHY_TIMEOUT_S) plus a margin has hung.
const NO_HANG_MS = (HEALTHY_TIMEOUT_S + 60) * 1000;
// Each test runs the CLI at most twice, each bounded by NO_HANG_MS.
const TEST_TIMEOUT_MS = 2 * NO_HANG_MS + 60_000;

let scratch: string;
let workspace: string;
let home: string;
let sshd: SshdState;
let sshdPaths: SshPaths;
let port: number;
const keys: Record<'good' | 'hang' | 'flood' | 'garbage' | 'drop' | 'stranger', string> = {
  good: '',
  hang: '',
  flood: '',
  garbage: '',
  drop: '',
  stranger: '',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, SSH_HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function sshPathsIn(dir: string): SshPaths {
  return {
    dir,
    hostKey: join(dir, 'ssh_host_ed25519_key'),
    clientKey: join(dir, 'id_good'),
    authorizedKeys: join(dir, 'authorized_keys'),
    knownHosts: join(dir, 'known_hosts'),
    config: join(dir, 'sshd_config'),
    pidfile: join(dir, 'sshd.pid'),
    log: join(dir, 'sshd.log'),
  };
}

/** An sshd of our own; its deploy account is the lab's (sshd.ts creates it), nothing else is shared. */
async function startSshd(dir: string, sshPort: number): Promise<{ state: SshdState; paths: SshPaths }> {
  // The account reads authorized_keys and runs the scripts with its own uid: the folder must be open to it.
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const paths = sshPathsIn(dir);
  const state = await ensureSshd(paths, {
    port: sshPort,
    name: 'parity-ssh-faults-host',
    header: '# Written by test/faults/ssh-faults.test.ts: a throwaway sshd for injected faults.',
    // The staging engine for the deploy account's docker, as the lab's staging sshd sets it.
    extra: [`SetEnv DOCKER_HOST=${lab.staging.engine.socket}`],
  });
  return { state, paths };
}

/** A remote command an authorized_keys line forces, as an executable script of ours. */
function script(name: string, body: string): string {
  const file = join(sshdPaths.dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** The CLI's peak resident set size (GNU time's %M). */
  peakKiB: number;
}

/** The built CLI under GNU time (peak RSS), as the user runs it: no agent, our HOME, the lab's engine. */
function parity(args: string[], identity: string, dir: string = workspace): Promise<Run> {
  const timeFile = join(scratch, `time-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const started = Date.now();
  const child = spawn(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      '-o',
      timeFile,
      process.execPath,
      'bin/parity.js',
      ...args,
      ...(args.includes('--timeout') ? [] : ['--timeout', `${HEALTHY_TIMEOUT_S}`]),
      '--workspace',
      dir,
      '--identity',
      identity,
    ],
    {
      env: {
        ...process.env,
        HOME: home,
        DOCKER_HOST: lab.engine.socket,
        PARITY_DATA_DIR: join(scratch, 'data'),
        SSH_AUTH_SOCK: '',
      },
      // Its own process group, so the watchdog stops the CLI under time, not only time.
      detached: true,
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // A watchdog, not a retry: a CLI still running here has hung, and the test fails on its null status.
  const watchdog = setTimeout(() => process.kill(-(child.pid ?? 0), 'SIGKILL'), NO_HANG_MS);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(watchdog);
      const peak = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
      resolve({ status: code, stdout, stderr, ms: Date.now() - started, peakKiB: peak });
    });
  });
}

/** The running test's own title: the table's last column. */
function testName(): string {
  return (expect.getState().currentTestName ?? '').split(' > ').at(-1) ?? '';
}

/** The first line Parity printed about the failure (the "parity: …" line), for the table. */
function said(run: Run): string {
  return /^parity: (.*)$/m.exec(run.stderr)?.[1] ?? '(nothing said)';
}

function expectClearFailure(run: Run, exit: number): void {
  expect(run.status, run.stderr).toBe(exit);
  expect(run.stderr).toMatch(/^parity: \S/m);
  // What to do, not only what happened.
  expect(run.stderr).toMatch(/^ {2}fix: \S/m);
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.stderr).not.toMatch(CONTROL);
  expect(run.stdout).not.toMatch(CONTROL);
}

/** Processes running one of our scripts (a session may outlive its sshd), with their children. */
function ourRemoteProcesses(): number[] {
  const all = listProcesses();
  const roots = all.filter((p) => p.cmdline.some((arg) => arg.startsWith(sshdPaths.dir)));
  return [...roots, ...roots.flatMap((r) => descendants(r.pid, all))].map((p) => p.pid);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'parity-ssh-faults-'));
  chmodSync(scratch, 0o755);
  port = await freePort();
  ({ state: sshd, paths: sshdPaths } = await startSshd(join(scratch, 'sshd'), port));
  keys.good = sshdPaths.clientKey;
  for (const name of ['hang', 'flood', 'garbage', 'drop', 'stranger'] as const) {
    keys[name] = join(sshdPaths.dir, `id_${name}`);
    await ensureKeyPair(keys[name], `parity-ssh-faults-${name}`);
  }
  const forced = (key: string, command: string): string =>
    `command="${command}",no-pty,no-port-forwarding ${publicKeyLine(key)}`;
  // sshd reads authorized_keys at each login, so the lines written after its start are the ones used.
  writeFileSync(
    sshdPaths.authorizedKeys,
    [
      publicKeyLine(keys.good),
      forced(keys.hang, script('hang.sh', 'sleep 600')),
      forced(keys.flood, `head -c ${FLOOD_BYTES} /dev/urandom`),
      forced(keys.garbage, `head -c ${GARBAGE_BYTES} /dev/urandom`),
      // Starts answering as the real collection does, then stalls until the connection is cut.
      forced(keys.drop, script('drop.sh', "echo '@@engine'; sleep 600")),
      '',
    ].join('\n'),
    { mode: 0o644 },
  );

  home = join(scratch, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  workspace = join(scratch, 'workspace');
  cpSync(lab.workspace, workspace, { recursive: true });
  const contract = join(workspace, 'parity.yml');
  writeFileSync(
    contract,
    readFileSync(contract, 'utf8')
      .replace(/^( {2}ssh: ).*$/m, `$1'${sshd.user}@${SSH_HOST}:${port}'`)
      .replace(/^( {2}hostKey: ).*$/m, `$1'${sshd.hostKey}'`),
  );
}, 120_000);

afterAll(async () => {
  if (sshdPaths) {
    await stopSshd(sshdPaths);
    await terminate(ourRemoteProcesses(), 5_000);
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('SSH faults through parity check --staging', { timeout: TEST_TIMEOUT_MS }, () => {
  it('the throwaway sshd answers a healthy key: staging is read (the faults below are the only cause)', async () => {
    const run = await parity(['snapshot', '--staging'], keys.good);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const snapshot = JSON.parse(run.stdout) as { side: string; engine: { version: string } | null };
    expect(snapshot.side).toBe('staging');
    // The staging engine, reached by the deploy account's docker group like the lab's own sshd does.
    expect(snapshot.engine?.version).toMatch(/^\d+\./);
  });

  it('auth refused: a key the host does not authorize → exit 3, naming the user and what to check', async () => {
    const run = await parity(['check', '--staging'], keys.stranger);
    expectClearFailure(run, 3);
    expect(run.stderr).toContain(`${sshd.user}@${SSH_HOST}:${port}`);
    expect(run.stderr).toMatch(/authentication methods failed/i);
    expect(run.stderr).toContain('authorized_keys');
    table.record({
      scenario: 'auth refused: a key not in authorized_keys',
      expected: 'exit 3, the user and host named, check the key is authorized',
      observed: `exit ${run.status}: ${said(run).replace(/:\d+ /, ':PORT ')}`,
      test: testName(),
    });
  });

  it('a changed host key: known_hosts holds another key → exit 3 showing both fingerprints', async () => {
    const dir = mkdtempSync(join(scratch, 'unpinned-'));
    cpSync(workspace, dir, { recursive: true });
    const contract = join(dir, 'parity.yml');
    writeFileSync(contract, readFileSync(contract, 'utf8').replace(/^ {2}hostKey: .*\n/m, ''));
    // The key this host had before it was "rebuilt": a real key, just not the one it serves now.
    const oldKey = join(scratch, 'old_host_key');
    await ensureKeyPair(oldKey, 'parity-ssh-faults-old-host');
    writeFileSync(join(home, '.ssh', 'known_hosts'), `[${SSH_HOST}]:${port} ${publicKeyLine(oldKey)}\n`);
    try {
      const run = await parity(['check', '--staging'], keys.good, dir);
      expectClearFailure(run, 3);
      expect(run.stderr).toContain(`its host key is ${sshd.hostKey}`);
      expect(run.stderr).toContain(`known_hosts holds ${fingerprint(oldKey)}`);
      expect(run.stderr).toContain(`ssh-keygen -R '[${SSH_HOST}]:${port}'`);
      table.record({
        scenario: "a changed host key: known_hosts holds the host's old key",
        expected: 'exit 3, refused before logging in, both fingerprints and ssh-keygen -R shown',
        observed: `exit ${run.status}, the served and the known fingerprint both named`,
        test: testName(),
      });
    } finally {
      rmSync(join(home, '.ssh', 'known_hosts'), { force: true });
    }
  });

  it('a remote command that hangs: --timeout fires → exit 4, saying it was stopped and how to allow longer', async () => {
    const run = await parity(['check', '--staging', '--timeout', String(HANG_TIMEOUT_S)], keys.hang);
    expectClearFailure(run, 4);
    expect(run.stderr).toContain(`did not finish within ${HANG_TIMEOUT_S}s`);
    expect(run.stderr).toContain('--timeout');
    // It really waited for the command (not a connection failure), and did not wait much longer.
    expect(run.ms).toBeGreaterThanOrEqual(HANG_TIMEOUT_S * 1000);
    table.record({
      scenario: 'a remote command that hangs (forced command: sleep 600), --timeout 5',
      expected: 'exit 4 (timed out) after the timeout, the command stopped, --timeout named',
      observed: `exit ${run.status}: ${said(run).replace(/:\d+ /, ':PORT ')}`,
      test: testName(),
    });
  });

  it('100 MB of binary output: parity snapshot --staging stops at the cap → exit 3, its memory bounded', async () => {
    // The same command reading staging's real evidence: what a run costs without the flood.
    const baseline = await parity(['snapshot', '--staging'], keys.good);
    expect(baseline.status, baseline.stderr).toBe(0);
    const run = await parity(['snapshot', '--staging'], keys.flood);
    expectClearFailure(run, 3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/printed more than 32 MiB; it was stopped and its output discarded/);
    // At most the 32 MiB cap held once plus ssh2's buffers; holding the flood would grow it by 100 MiB and more.
    const grownMiB = (run.peakKiB - baseline.peakKiB) / 1024;
    expect(grownMiB, `peak ${run.peakKiB} KiB, healthy ${baseline.peakKiB} KiB`).toBeLessThan(
      MEMORY_BOUND_MIB,
    );
    table.record({
      scenario:
        '100 MB of binary output (forced command: head -c 100M /dev/urandom), parity snapshot --staging',
      expected: `exit 3, the 32 MiB cap named, peak RSS < a healthy snapshot's + ${MEMORY_BOUND_MIB} MiB`,
      observed: `exit ${run.status}, "printed more than 32 MiB", peak RSS within the bound`,
      test: testName(),
    });
  });

  it('binary garbage instead of evidence (8 MiB, under the cap) → exit 3, no raw bytes shown', async () => {
    const run = await parity(['check', '--staging'], keys.garbage);
    expectClearFailure(run, 3);
    expect(run.stderr).toMatch(/is not the evidence Parity asked for/);
    table.record({
      scenario: 'binary garbage instead of evidence (8 MiB from /dev/urandom)',
      expected: 'exit 3, refused as not the evidence asked for, no control characters printed',
      observed: `exit ${run.status}: ${said(run)
        .replace(/\(exit code .*$/, '')
        .trim()}`,
      test: testName(),
    });
  });

  it('the connection dropped mid-check: the sshd session killed once the remote command ran → exit 3', async () => {
    const pending = parity(['check', '--staging'], keys.drop);
    // The remote command started (its sleep runs) before the session serving it is killed.
    let remote: ProcInfo | undefined;
    await waitUntil(
      'the forced command to run on the throwaway sshd',
      () => {
        const all = listProcesses();
        remote = all.find((p) => p.cmdline.includes(join(sshdPaths.dir, 'drop.sh')));
        return Promise.resolve(
          remote !== undefined && descendants(remote.pid, all).some((p) => p.comm === 'sleep'),
        );
      },
      { timeoutMs: NO_HANG_MS },
    );
    // Every sshd between the listener and the command: the connection's monitor and its session child.
    const sessions: number[] = [];
    for (let info = procInfo(remote?.ppid ?? 0); info && info.pid !== sshd.pid; info = procInfo(info.ppid)) {
      if (info.comm.startsWith('sshd')) sessions.push(info.pid);
    }
    expect(sessions.length).toBeGreaterThan(0);
    // Killing one ends the other on its own, so the second may be gone already: only that is tolerated.
    for (const pid of sessions) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
    const run = await pending;
    expectClearFailure(run, 3);
    expect(run.stderr).toContain(
      `The connection to ${sshd.user}@${SSH_HOST}:${port} dropped while the command ran`,
    );
    table.record({
      scenario: "the connection dropped mid-check (the sshd session killed after the command's first line)",
      expected: 'exit 3, the drop named (not a parse error), run again / check sshd',
      observed: `exit ${run.status}: ${said(run)
        .replace(/:\d+ /, ':PORT ')
        .replace(/\(after .*\)/, '(after N bytes of output)')}`,
      test: testName(),
    });
  });

  it('sshd stopped: connection refused → exit 3, naming the host and what to check', async () => {
    const otherPort = await freePort();
    const other = await startSshd(join(scratch, 'sshd-stopped'), otherPort);
    await stopSshd(other.paths);
    const dir = mkdtempSync(join(scratch, 'stopped-'));
    cpSync(workspace, dir, { recursive: true });
    const contract = join(dir, 'parity.yml');
    writeFileSync(
      contract,
      readFileSync(contract, 'utf8')
        .replace(/^( {2}ssh: ).*$/m, `$1'${other.state.user}@${SSH_HOST}:${otherPort}'`)
        .replace(/^( {2}hostKey: ).*$/m, `$1'${other.state.hostKey}'`),
    );
    const run = await parity(['check', '--staging'], other.paths.clientKey, dir);
    expectClearFailure(run, 3);
    expect(run.stderr).toContain(`${SSH_HOST}:${otherPort}: ECONNREFUSED`);
    table.record({
      scenario: 'sshd stopped (connection refused)',
      expected: 'exit 3, the host:port and ECONNREFUSED named, check the host is up',
      observed: `exit ${run.status}: ${said(run).replace(/:\d+:/, ':PORT:')}`,
      test: testName(),
    });
  });
});

describe('hostile contract values through parity check --staging', { timeout: TEST_TIMEOUT_MS }, () => {
  /** Logins the throwaway sshd accepted so far: proof of what reached staging. */
  const logins = (): number =>
    (readFileSync(sshdPaths.log, 'utf8').match(/Accepted publickey for /g) ?? []).length;

  function hostileWorkspace(edit: (contract: string) => string): string {
    const dir = mkdtempSync(join(scratch, 'hostile-'));
    cpSync(workspace, dir, { recursive: true });
    const contract = join(dir, 'parity.yml');
    writeFileSync(contract, edit(readFileSync(contract, 'utf8')));
    return dir;
  }

  it('a staging project named `a;touch /tmp/owned-…` is bad input: exit 2 before anything reaches staging', async () => {
    const owned = `/tmp/owned-${process.pid}-project`;
    const dir = hostileWorkspace((text) => text.replace(/^( {2}project: ).*$/m, `$1'a;touch ${owned}'`));
    const before = logins();
    const run = await parity(['check', '--staging'], keys.good, dir);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/parity\.yml:\d+:\d+/);
    expect(run.stderr).toContain('staging.project');
    expect(logins()).toBe(before);
    expect(existsSync(owned)).toBe(false);
    table.record({
      scenario: 'staging.project `a;touch /tmp/owned-…` in parity.yml',
      expected: 'exit 2 naming parity.yml:line:col and staging.project, no login on staging, no file',
      observed: `exit ${run.status}, no login, no file`,
      test: testName(),
    });
  });

  it('a seed dump argument `a;touch /tmp/owned-…` reaches staging as one quoted word: the file never appears', async () => {
    const owned = `/tmp/owned-${process.pid}-dump`;
    const dir = hostileWorkspace((text) =>
      text.replace(
        /^( {2}dump: ).*$/m,
        `$1['pg_dump', 'a;touch ${owned}', '$(touch ${owned})', '\`touch ${owned}\`', 'app_db']`,
      ),
    );
    const before = logins();
    const run = await parity(['check', '--staging'], keys.good, dir);
    // A report (pass or drift) means staging's collection ran to its end marker, seed section included.
    expect([0, 1], run.stderr).toContain(run.status);
    expect(logins()).toBe(before + 1);
    expect(existsSync(owned)).toBe(false);
    table.record({
      scenario: 'seed.dump arguments `a;touch …`, `$(touch …)` and backquotes, collected on staging',
      expected: 'the check runs (exit 0 or 1), the staging host never creates the file',
      observed: `a report (exit 0 or 1), one login, no file`,
      test: testName(),
    });
  });
});
