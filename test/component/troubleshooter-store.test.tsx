import { describe, expect, it } from 'vitest';
import { evidenceColumns } from '../../renderer/src/screens/troubleshooter/evidence-diff';
import {
  allGood,
  createTroubleshooterStore,
  groupFindings,
  selectedFinding,
} from '../../renderer/src/screens/troubleshooter/troubleshooter-store';
import {
  envFinding,
  fixedResult,
  noteFinding,
  reportWith,
  scriptedApi,
  tagFinding,
} from './troubleshooter-fixtures';

describe('the troubleshooter store', () => {
  it('shows the last report without checking, and selects the worst finding', async () => {
    const { api, calls } = scriptedApi({ 'drift:last': reportWith([noteFinding, envFinding, tagFinding]) });
    const store = createTroubleshooterStore(api);
    await store.getState().load();
    expect(calls.map((c) => c.method)).toEqual(['drift:last']);
    expect(store.getState().status).toBe('ready');
    expect(store.getState().selectedId).toBe(tagFinding.id);
  });

  it('compares with staging when there is no last report yet', async () => {
    const { api, calls } = scriptedApi({ 'drift:last': null, 'drift:check': reportWith([]) });
    const store = createTroubleshooterStore(api);
    await store.getState().load();
    expect(calls.map((c) => c.method)).toEqual(['drift:last', 'drift:check']);
    expect(store.getState().report?.findings).toEqual([]);
    expect(store.getState().selectedId).toBeNull();
  });

  it('a failed check keeps its message and hint', async () => {
    const { api } = scriptedApi({ 'drift:check': new Error('SSH to staging was refused.') });
    const store = createTroubleshooterStore(api);
    await store.getState().check();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().problem).toEqual({
      message: 'SSH to staging was refused.',
      hint: 'Check the SSH identity in Settings.',
    });
  });

  it('starts a fix only for a finding with an action, one at a time', async () => {
    const { api } = scriptedApi({ 'drift:last': reportWith([tagFinding, envFinding]) });
    const store = createTroubleshooterStore(api);
    await store.getState().load();
    store.getState().startFix();
    expect(store.getState().fix).toBeNull();
    store.getState().select(envFinding.id);
    store.getState().startFix();
    const first = store.getState().fix;
    expect(first).toMatchObject({ findingId: envFinding.id, status: 'running' });
    store.getState().startFix();
    expect(store.getState().fix).toBe(first);
  });

  it('a successful fix records before/after and shows the re-check; the fixed finding stays in view', async () => {
    let last = reportWith([envFinding]);
    const { api } = scriptedApi({ 'drift:last': () => last });
    const store = createTroubleshooterStore(api);
    await store.getState().load();
    store.getState().startFix();
    last = reportWith([noteFinding], 1);
    await store.getState().fixEnded(undefined, fixedResult(envFinding));
    const { fix, report } = store.getState();
    expect(fix?.status).toBe('fixed');
    expect(fix?.outcome?.scoreAfter).toBe(1);
    expect(report?.score).toBe(1);
    expect(allGood(report ?? reportWith([tagFinding]))).toBe(true);
    expect(selectedFinding(store.getState())?.id).toBe(envFinding.id);
  });

  it('a fix that ran but failed shows its summary and the command to run by hand', async () => {
    const { api } = scriptedApi({ 'drift:last': reportWith([envFinding]) });
    const store = createTroubleshooterStore(api);
    await store.getState().load();
    store.getState().startFix();
    await store.getState().fixEnded(undefined, fixedResult(envFinding, false));
    expect(store.getState().fix).toMatchObject({
      status: 'failed',
      problem: {
        message: 'env-from-template failed: no .env.example',
        hint: envFinding.remediation.command,
      },
    });
  });

  it('a fix whose stream ended with an error shows the error and its hint', async () => {
    const { api } = scriptedApi({ 'drift:last': reportWith([envFinding]) });
    const store = createTroubleshooterStore(api);
    await store.getState().load();
    store.getState().startFix();
    await store
      .getState()
      .fixEnded({ code: 'engine-unreachable', message: 'The engine does not answer.', hint: 'Start it.' });
    expect(store.getState().fix).toMatchObject({
      status: 'failed',
      problem: { message: 'The engine does not answer.', hint: 'Start it.' },
    });
    await store.getState().fixEnded(undefined, { nonsense: true });
    expect(store.getState().fix?.problem?.message).toBe('The fix ended without saying what it did.');
  });
});

describe('findings and evidence', () => {
  it('groups by category in report order, the worst first', () => {
    const groups = groupFindings([noteFinding, envFinding, tagFinding]);
    expect(groups.map((g) => g.category)).toEqual(['image', 'config']);
    expect(groups[1]?.findings.map((f) => f.severity)).toEqual(['warning', 'info']);
  });

  it('marks what one side has and another lacks', () => {
    const columns = evidenceColumns({
      expected: 'sha256:aaa',
      local: 'sha256:aaa',
      staging: 'sha256:bbb',
    });
    expect(columns.expected).toEqual([{ text: 'sha256:aaa', differs: true }]);
    expect(columns.staging).toEqual([{ text: 'sha256:bbb', differs: true }]);
    const keys = evidenceColumns({ local: ['A', 'B'], staging: ['A', 'B', 'C'] });
    expect(keys.local?.filter((l) => l.differs)).toEqual([]);
    expect(keys.staging?.filter((l) => l.differs).map((l) => l.text.trim())).toEqual(['"C"']);
    expect(evidenceColumns({ local: null, staging: 'x' }).local).toEqual([{ text: '(none)', differs: true }]);
  });
});
