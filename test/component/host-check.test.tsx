import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApi, type Transport } from '../../shared/api-client';
import type { HostFinding } from '../../shared/finding-schema';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { HostCheckCard } from '../../renderer/src/components/host-check-card';

afterEach(cleanup);

const missing: HostFinding = {
  kind: 'host.engine-missing',
  severity: 'error',
  message: 'No container engine on this host.',
  evidence: { tried: 7 },
  remediation: {
    summary: 'Install Docker Engine.',
    commands: ['sudo apt-get install -y docker.io', 'sudo systemctl enable --now docker'],
  },
};
const os: HostFinding = {
  kind: 'host.os',
  severity: 'info',
  message: 'Debian 12, linux/x64.',
  evidence: {},
  remediation: { summary: 'Nothing to do.', commands: [] },
};

function renderWith(answers: Array<HostFinding[] | 'fail'>): void {
  const call: Transport['call'] = async () => {
    const next = answers.shift() ?? [];
    return next === 'fail'
      ? { error: { code: 'engine-error', message: 'The doctor could not run.', hint: 'Try again.' } }
      : { result: { findings: next } };
  };
  render(
    <ApiProvider api={buildApi({ call, subscribe: () => () => {} })}>
      <HostCheckCard />
    </ApiProvider>,
  );
}

describe('the host check', () => {
  it('shows each problem with why and the exact commands, and the verdict', async () => {
    renderWith([[os, missing]]);
    expect((await screen.findByTestId('host-verdict')).textContent).toBe('1 problem to fix first.');
    expect(screen.getByText('Install Docker Engine.')).toBeTruthy();
    expect(screen.getByLabelText('Commands that fix it').textContent).toBe(
      'sudo apt-get install -y docker.io\nsudo systemctl enable --now docker',
    );
    // Informational findings have nothing to fix.
    expect(screen.getAllByLabelText('Commands that fix it')).toHaveLength(1);
  });

  it('says when the host can run the stack, and re-checks on demand', async () => {
    renderWith(['fail', [os]]);
    expect((await screen.findByRole('alert')).textContent).toContain('The doctor could not run.');
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect((await screen.findByTestId('host-verdict')).textContent).toBe('This host can run the stack.');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
