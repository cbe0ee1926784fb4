import { dirname, resolve } from 'node:path';
import { EXIT } from '../cli-exit-codes';
import { findContract, loadContract } from '../core/contract/load-contract';
import type { DoctorImage } from '../core/host/doctor-image';
import { runDoctor } from '../core/host/doctor';
import { observeEngine } from '../core/host/engine-observation';
import type { Finding } from '../core/host/finding';
import { nodeHostProbe } from '../core/host/node-host-probe';
import type { CommonOptions } from './cli-options';
import { formatFindings } from './print-findings';

const ENGINE_FAILURES = new Set<Finding['kind']>(['host.engine-missing', 'host.engine-unreachable']);

/**
 * `parity doctor`: this host and its engine, judged against the workspace's images when there is one.
 * Exit 3 when no engine can be used, 1 when another check fails, 0 otherwise (warnings do not fail).
 */
export async function doctorCommand(options: CommonOptions): Promise<number> {
  const probe = nodeHostProbe();
  const contractPath = options.workspace
    ? resolve(options.workspace, 'parity.yml')
    : await findContract(process.cwd());
  const loaded = contractPath ? await loadContract(contractPath) : undefined;
  const images: DoctorImage[] = loaded
    ? Object.values(loaded.contract.images).map((ref) => ({ ref, platforms: [...loaded.contract.platforms] }))
    : [];
  const findings = await runDoctor({
    probe,
    engine: await observeEngine(probe),
    workspaceDir: loaded ? dirname(loaded.path) : process.cwd(),
    images,
  });

  if (options.json) process.stdout.write(`${JSON.stringify({ findings }, null, 2)}\n`);
  else process.stdout.write(formatFindings(findings, { quiet: options.quiet }));

  if (findings.some((f) => ENGINE_FAILURES.has(f.kind))) return EXIT.environment;
  return findings.some((f) => f.severity === 'error') ? EXIT.checkFailed : EXIT.ok;
}
