import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { DigestsCard } from '../../renderer/src/components/digests-card';
import { scriptedApi } from './troubleshooter-fixtures';

afterEach(cleanup);

const PIN = `sha256:${'1'.repeat(64)}`;
const OTHER = `sha256:${'2'.repeat(64)}`;

function show(answer: unknown): void {
  render(
    <ApiProvider api={scriptedApi({ 'drift:digests': answer }).api}>
      <DigestsCard />
    </ApiProvider>,
  );
}

describe('the dashboard digests', () => {
  it('shows pinned vs running vs staging, short, with what differs from the pin marked', async () => {
    show({
      checkedAt: '2026-12-02T05:00:00.000Z',
      services: [{ service: 'app', pinned: PIN, running: PIN, staging: OTHER }],
    });
    const row = await screen.findByTestId('digests-app');
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      'app',
      'sha256:111111111111',
      'sha256:111111111111',
      'sha256:222222222222',
    ]);
    expect([...row.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['sha256:222222222222']);
    expect(screen.getByText(/As the comparison at 2026-12-02T05:00:00.000Z saw them/)).toBeTruthy();
  });

  it('says when nothing was compared yet, and shows an error with its hint', async () => {
    show(null);
    expect(await screen.findByText(/Not compared yet/)).toBeTruthy();
    cleanup();
    show(new Error('Open a workspace first.'));
    expect((await screen.findByRole('alert')).textContent).toContain('Open a workspace first.');
  });
});
