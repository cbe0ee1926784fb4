import { useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useApi } from '../api/api-context';
import { createSeedStore } from '../stores/seed-store';
import { StreamTerminal } from '../terminal/stream-terminal';

/** Seed: run the contract's deterministic seed with live output, then show the checksum verdict. */
export function SeedCard(): ReactNode {
  const api = useApi();
  const [store] = useState(() => createSeedStore());
  const { status, run, outcome, problem, start, finish } = useStore(store);

  return (
    <section className="card" aria-labelledby="seed-title" data-testid="seed">
      <header className="card-header">
        <h2 id="seed-title">Seed</h2>
        <button type="button" onClick={start} disabled={status === 'running'}>
          {status === 'running' ? 'Seeding…' : 'Seed the database'}
        </button>
      </header>
      {run > 0 && (
        <StreamTerminal
          sessionKey={`seed-${run}`}
          start={() => api.seed.run()}
          label="Seed output"
          endText="— seed finished —"
          onEnd={finish}
        />
      )}
      {problem && (
        <div role="alert" className="problem">
          <p>{problem.message}</p>
          {problem.hint && <p className="hint">{problem.hint}</p>}
        </div>
      )}
      {outcome && (
        <dl className="facts" data-testid="seed-outcome">
          <dt>Checksum</dt>
          <dd className="mono">{outcome.checksum}</dd>
          <dt>Verdict</dt>
          <dd>
            {outcome.matches === true && 'matches parity.yml'}
            {outcome.matches === false && `differs from parity.yml (${outcome.expected ?? ''})`}
            {outcome.matches === null && 'parity.yml records no checksum yet: pin this one'}
          </dd>
        </dl>
      )}
    </section>
  );
}
