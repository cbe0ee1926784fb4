import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../renderer/src/api/api-context';
import { ResetScreen } from '../../renderer/src/screens/reset/reset-screen';
import {
  beforeReset,
  knownGood,
  listOf,
  outcome,
  ScriptedApi,
  until,
  type Answer,
} from './support/scripted-reset-api';

afterEach(cleanup);

function show(answers: Record<string, Answer>): ScriptedApi {
  const scripted = new ScriptedApi(answers);
  render(
    <ApiProvider api={scripted.api}>
      <ResetScreen />
    </ApiProvider>,
  );
  return scripted;
}

describe('the Reset screen', () => {
  it('shows the last known-good with its age and size, and the list of baselines', async () => {
    show({ 'baseline:list': listOf({ baselines: [beforeReset, knownGood] }) });
    const target = await screen.findByTestId('last-known-good');
    expect(target.textContent).toMatch(/known good · \d+ (min|h|days) ago · 3\.0 MiB/);
    const table = screen.getByRole('table', { name: 'Baselines' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(table.textContent).toMatch(/before reset/);
    expect(table.textContent).toMatch(/\(last known-good\)/);
  });

  it('says there is nothing to reset to before the first baseline', async () => {
    show({ 'baseline:list': listOf({ baselines: [], lastKnownGood: null }) });
    expect((await screen.findByTestId('no-baseline')).textContent).toMatch(/No known-good baseline yet/);
    expect(screen.queryByRole('button', { name: 'Reset to last known-good' })).toBeNull();
  });

  it('confirms first: what is kept and what changes; the first button has the focus; Escape keeps everything', async () => {
    show({ 'baseline:list': listOf() });
    fireEvent.click(await screen.findByRole('button', { name: 'Reset to last known-good' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toMatch(/Kept: the current volumes and contract files are saved first/);
    expect(dialog.textContent).toMatch(/undo/i);
    expect(dialog.textContent).toMatch(
      /contract files restored to commit 0123456789: parity\.yml, docker-compose\.yml/,
    );
    expect(dialog.textContent).toMatch(/volumes restored \(sha256 verified\): db-data \(3\.0 MiB\)/);
    expect(document.activeElement?.textContent).toBe('Reset now');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('a one-service reset says the other services keep running and restores no contract files', async () => {
    show({ 'baseline:list': listOf() });
    fireEvent.change(await screen.findByLabelText('What to reset'), { target: { value: 'db' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reset to last known-good' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toMatch(/service db only/);
    expect(dialog.textContent).toMatch(/the other services keep running/);
    expect(dialog.textContent).not.toMatch(/contract files restored/);
  });

  it('uncommitted contract files are named and block the reset until overwriting is chosen', async () => {
    const scripted = show({
      'baseline:list': listOf({ uncommitted: ['parity.yml'] }),
      'rollback:run': { streamId: 'r1' },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reset to last known-good' }));
    expect(screen.getByTestId('uncommitted').textContent).toMatch(/overwrite: parity\.yml/);
    const resetNow = screen.getByRole('button', { name: 'Reset now' }) as HTMLButtonElement;
    expect(resetNow.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Overwrite my uncommitted changes'));
    expect(resetNow.disabled).toBe(false);
    fireEvent.click(resetNow);
    await until(() => scripted.methods().includes('rollback:run'), 'rollback:run called');
    expect(scripted.calls.at(-1)?.request).toEqual({ force: true });
  });

  it('shows each step live, then what changed and Undo reset', async () => {
    const scripted = show({
      'baseline:list': listOf(),
      'rollback:run': { streamId: 'r2' },
      'stream:cancel': { cancelled: true },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Reset to last known-good' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset now' }));
    await until(() => scripted.methods().includes('rollback:run'), 'rollback:run called');
    scripted.steps('r2', { step: 'save-before-reset', status: 'done' }, { step: 'stop', status: 'running' });
    const stop = await screen.findByTestId('step-stop');
    expect(stop.getAttribute('data-status')).toBe('running');
    expect(screen.getByRole('list', { name: 'Reset steps' }).getAttribute('aria-live')).toBe('polite');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    scripted.answers['baseline:list'] = listOf({
      undoTo: beforeReset.id,
      baselines: [beforeReset, knownGood],
    });
    scripted.emit('stream:end', { streamId: 'r2', result: outcome });
    const result = await screen.findByTestId('reset-result');
    expect(result.textContent).toMatch(/Reset to “known good”/);
    expect(result.textContent).toMatch(/volumes restored: db-data/);
    expect(result.textContent).toMatch(/check: passed, score 100\.0%/);
    expect(await screen.findByRole('button', { name: 'Undo reset' })).toBeTruthy();
  });

  it('a failed reset shows the failed step and the message with its hint', async () => {
    const scripted = show({ 'baseline:list': listOf(), 'rollback:run': { streamId: 'r3' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Reset to last known-good' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset now' }));
    await until(() => scripted.methods().includes('rollback:run'), 'rollback:run called');
    scripted.steps('r3', { step: 'start', status: 'failed', detail: 'db never turned healthy' });
    scripted.emit('stream:end', {
      streamId: 'r3',
      error: {
        code: 'engine-error',
        message: 'The stack did not become healthy after the restore.',
        hint: 'Run the rollback again to retry the start.',
      },
    });
    const problem = await screen.findByTestId('reset-problem');
    expect(problem.getAttribute('role')).toBe('alert');
    expect(problem.textContent).toMatch(/did not become healthy.*Run the rollback again/);
    expect((await screen.findByTestId('step-start')).getAttribute('data-status')).toBe('failed');
  });

  it('an interrupted reset is offered to be finished', async () => {
    show({ 'baseline:list': listOf({ pending: { target: knownGood.id, service: 'db' } }) });
    const pending = await screen.findByTestId('reset-pending');
    expect(pending.textContent).toMatch(/was interrupted/);
    fireEvent.click(screen.getByRole('button', { name: 'Finish the interrupted reset' }));
    expect(screen.getByRole('alertdialog').textContent).toMatch(
      /Finish the reset to “known good”.*service db only/,
    );
  });

  it('a list that cannot be read, and a save that fails, show the message and the hint', async () => {
    const scripted = show({
      'baseline:list': {
        error: { code: 'engine-unreachable', message: 'No engine answers.', hint: 'Start Docker.' },
      },
      'baseline:save': {
        error: {
          code: 'engine-error',
          message: 'The volume could not be archived.',
          hint: 'Free some disk.',
        },
      },
    });
    expect((await screen.findByTestId('reset-problem')).textContent).toBe('No engine answers.Start Docker.');
    fireEvent.change(screen.getByLabelText('Name (optional)'), { target: { value: 'mine' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save baseline now' }));
    await until(() => scripted.methods().includes('baseline:save'), 'baseline:save called');
    expect(scripted.calls.at(-1)?.request).toEqual({ name: 'mine' });
    await until(
      () =>
        screen.queryByTestId('reset-problem')?.textContent ===
        'The volume could not be archived.Free some disk.',
      'the save problem shown',
    );
  });
});
