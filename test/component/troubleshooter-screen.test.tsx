import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { TroubleshooterScreen } from '../../renderer/src/screens/troubleshooter/troubleshooter-screen';
import {
  envFinding,
  fixedResult,
  noteFinding,
  reportWith,
  scriptedApi,
  tagFinding,
} from './troubleshooter-fixtures';

afterEach(cleanup);

function show(answers: Parameters<typeof scriptedApi>[0]): ReturnType<typeof scriptedApi> {
  const scripted = scriptedApi(answers);
  render(
    <ApiProvider api={scripted.api}>
      <TroubleshooterScreen />
    </ApiProvider>,
  );
  return scripted;
}

describe('the troubleshooter screen', () => {
  it('says so when the check fails, with what to do, and can check again', async () => {
    const { calls } = show({ 'drift:last': null, 'drift:check': new Error('SSH to staging was refused.') });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The comparison with staging failed: SSH to staging was refused.');
    expect(alert.textContent).toContain('Check the SSH identity in Settings.');
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'drift:check')).toHaveLength(2));
  });

  it('says all is good when only notes remain, and still lists them', async () => {
    show({ 'drift:last': reportWith([noteFinding], 1) });
    expect((await screen.findByTestId('all-good')).textContent).toMatch(/matches staging/);
    expect(screen.getByTestId('trouble-score').textContent).toContain('100.0%');
    expect(screen.getAllByTestId('finding')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Fix it' })).toBeNull();
  });

  it('groups findings, shows the evidence side by side with the difference marked, and the command', async () => {
    show({ 'drift:last': reportWith([envFinding, tagFinding]) });
    const list = await screen.findByRole('navigation', { name: 'Findings' });
    expect(
      within(list)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual(['Images (1)', 'Configuration (1)']);
    // The worst is selected first: a tag finding has no automated fix, only the way by hand.
    const detail = screen.getByTestId('finding-detail');
    expect(detail.textContent).toContain(tagFinding.message);
    expect(within(detail).queryByRole('button', { name: 'Fix it' })).toBeNull();
    const marked = [...screen.getByTestId('evidence').querySelectorAll('mark')].map((m) => m.textContent);
    expect(marked).toEqual(['sha256:aaa\n', 'sha256:aaa\n', 'sha256:bbb\n']);
    const toggle = screen.getByRole('button', { name: 'Show me the command' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('fix-command').textContent).toContain('No single command does this');

    fireEvent.click(within(list).getByRole('button', { name: /Set the same environment keys/ }));
    expect(screen.getByTestId('finding-detail').textContent).toContain(envFinding.message);
    fireEvent.click(screen.getByRole('button', { name: 'Show me the command' }));
    expect(screen.getByLabelText('The command').textContent).toBe(envFinding.remediation.command);
  });

  it('Fix it runs the remediation stream and shows before/after and the new score', async () => {
    let last = reportWith([envFinding]);
    const { calls, emit } = show({
      'drift:last': () => last,
      'remediation:apply': { streamId: 'fix-1' },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Fix it' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'remediation:apply')?.request).toEqual({
        findingId: envFinding.id,
      }),
    );
    expect(screen.getByRole('button', { name: 'Fixing…' })).toHaveProperty('disabled', true);
    last = reportWith([], 1);
    act(() => {
      emit('stream:data', { streamId: 'fix-1', data: '.env: added FEATURE_FLAGS from .env.example\n' });
      emit('stream:end', { streamId: 'fix-1', result: fixedResult(envFinding) });
    });
    expect((await screen.findByTestId('fix-after')).textContent).toBe('✓ fixed');
    expect(screen.getByTestId('fix-score').textContent).toBe('90.0% → 100.0% (passing)');
    await waitFor(() => expect(screen.getByTestId('all-good')).toBeTruthy());
    // The fixed finding stays in view as it was, without a second "Fix it".
    expect(screen.getByTestId('finding-gone').textContent).toMatch(/no longer reports this/);
    expect(screen.queryByRole('button', { name: 'Fix it' })).toBeNull();
  });

  it('a failed fix shows the error and its hint', async () => {
    const { emit, calls } = show({
      'drift:last': reportWith([envFinding]),
      'remediation:apply': { streamId: 'fix-2' },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Fix it' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'remediation:apply')).toBe(true));
    act(() => {
      emit('stream:end', {
        streamId: 'fix-2',
        error: {
          code: 'ssh-failed',
          message: 'Staging did not answer the re-check.',
          hint: 'Check again later.',
        },
      });
    });
    const failed = await screen.findByTestId('fix-failed');
    expect(failed.getAttribute('role')).toBe('alert');
    expect(failed.textContent).toContain('The fix failed: Staging did not answer the re-check.');
    expect(failed.textContent).toContain('Check again later.');
  });
});
