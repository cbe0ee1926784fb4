import { readFile } from 'node:fs/promises';
import { ParityError } from '../parity-error';

/** What `npm run lab:up` writes to .lab/lab.json: the demo lab's engines, registry, staging and workspace. */
export interface LabFile {
  engine: { socket: string };
  registry: string;
  staging: {
    engine: { socket: string };
    ssh: { host: string; port: number; user: string; identityFile: string; hostKey: string };
  };
  workspace: string;
}

export async function readLabFile(path: string): Promise<LabFile> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new ParityError(
      'workspace-missing',
      `The demo lab is not up: ${path} does not exist.`,
      'Bring it up with: npm run lab:up',
    );
  });
  const lab = JSON.parse(text) as Partial<LabFile>;
  if (typeof lab.workspace !== 'string' || typeof lab.engine?.socket !== 'string' || !lab.staging?.ssh) {
    throw new ParityError('workspace-missing', `${path} is incomplete.`, 'Rebuild it with: npm run lab:up');
  }
  return lab as LabFile;
}
