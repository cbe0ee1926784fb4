import { isAbsolute } from 'node:path';
import { ParityError } from './core/parity-error';
import type { RecentWorkspaces, RecentWorkspace } from './core/workspace/recent-workspaces';
import { openWorkspace, type Workspace } from './core/workspace/workspace';

/**
 * The workspace the window works on, which the page can switch: opening one validates its parity.yml
 * first (a bad one is refused with its line numbers and the current one stays), then records it in the
 * recent list. The demo lab keeps its own engine socket.
 */
export class WorkspaceSession {
  constructor(
    private workspace: Workspace | null,
    private readonly recent: RecentWorkspaces,
    /** The embedded default (the demo lab), offered on the welcome screen. */
    readonly demo: Workspace | null,
  ) {}

  current(): Workspace | null {
    return this.workspace;
  }

  async open(path: string): Promise<Workspace> {
    if (!isAbsolute(path)) {
      throw new ParityError(
        'invalid-request',
        `"${path}" is not an absolute folder path.`,
        'Give the full path of the folder with parity.yml.',
      );
    }
    const opened = this.demo && path === this.demo.path ? this.demo : await openWorkspace(path);
    this.workspace = opened;
    await this.recent.add({ name: opened.name, path: opened.path });
    return opened;
  }

  recentList(): Promise<RecentWorkspace[]> {
    return this.recent.list();
  }
}
