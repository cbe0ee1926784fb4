import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecentWorkspaces } from '../../electron/core/workspace/recent-workspaces';
import { WorkspaceSession } from '../../electron/workspace-session';

const CONTRACT = `version: 1
name: NAME
compose: docker-compose.yml
images: { app: "registry.acme.dev/app@sha256:${'a'.repeat(64)}" }
env: { required: [] }
seed: { service: db, command: ["true"], dump: ["cat", "/dev/null"] }
health: {}
staging: { ssh: "deploy@staging.acme.dev", engine: docker, project: acme }
`;

function workspace(name: string, contract = CONTRACT.replace('NAME', name)): string {
  const dir = mkdtempSync(join(tmpdir(), `parity-ws-${name}-`));
  writeFileSync(join(dir, 'parity.yml'), contract);
  return dir;
}

describe('switching workspaces', () => {
  it('opens a valid workspace, remembers it first in the recent list, and keeps the demo apart', async () => {
    const data = mkdtempSync(join(tmpdir(), 'parity-data-'));
    const demo = { name: 'parity-lab', path: workspace('parity-lab'), engineSocket: '/run/lab.sock' };
    const session = new WorkspaceSession(demo, new RecentWorkspaces(join(data, 'recent.json')), demo);
    const one = workspace('one');
    const two = workspace('two');
    expect(await session.open(one)).toEqual({ name: 'one', path: one });
    await session.open(two);
    await session.open(one);
    expect((await session.recentList()).map((r) => r.name)).toEqual(['one', 'two']);
    expect(await session.open(demo.path)).toEqual(demo); // the demo keeps its lab engine
    expect(session.current()?.engineSocket).toBe('/run/lab.sock');
  });

  it('refuses a bad parity.yml with its line and keeps the current workspace', async () => {
    const data = mkdtempSync(join(tmpdir(), 'parity-data-'));
    const good = workspace('good');
    const session = new WorkspaceSession(null, new RecentWorkspaces(join(data, 'recent.json')), null);
    await session.open(good);
    const bad = workspace('bad', CONTRACT.replace('NAME', 'bad').replace('health: {}', 'helth: {}'));
    await expect(session.open(bad)).rejects.toThrow(
      /parity\.yml:7:1 {2}helth: unknown key "helth" — did you mean "health"\?/,
    );
    await expect(session.open('relative/path')).rejects.toThrow(/not an absolute folder path/);
    expect(session.current()?.path).toBe(good);
    expect((await session.recentList()).map((r) => r.name)).toEqual(['good']);
  });

  it('starts afresh from a damaged recent list', async () => {
    const data = mkdtempSync(join(tmpdir(), 'parity-data-'));
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'recent.json'), '{ not json');
    const recent = new RecentWorkspaces(join(data, 'recent.json'));
    expect(await recent.list()).toEqual([]);
    await recent.add({ name: 'x', path: '/x' });
    expect((await recent.list()).map((r) => r.path)).toEqual(['/x']);
  });
});
