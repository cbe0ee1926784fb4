import { useEffect, useState, type ReactNode } from 'react';
import type { ServiceDigests } from '../../../shared/service-digests-schema';
import { useApi } from '../api/api-context';
import { toProblem, type ProblemView } from '../stores/engine-store';

/** sha256: and the first 12 hex digits, as docker shortens ids; the full digest is in the cell's title. */
function short(digest: string | null): string {
  return digest === null ? '—' : digest.replace(/^(sha256:[0-9a-f]{12})[0-9a-f]*$/, '$1');
}

/** Per service: the image digest parity.yml pins, the one running here, the one running on staging. */
export function DigestsCard(): ReactNode {
  const api = useApi();
  const [digests, setDigests] = useState<ServiceDigests | null | undefined>(undefined);
  const [problem, setProblem] = useState<ProblemView | null>(null);
  useEffect(() => {
    api.drift.digests().then(setDigests, (error: unknown) => setProblem(toProblem(error)));
  }, [api]);
  return (
    <section className="card" aria-labelledby="digests-title" data-testid="digests">
      <h2 id="digests-title">Images: pinned, running, staging</h2>
      {problem && (
        <div role="alert" className="problem">
          <p>{problem.message}</p>
          {problem.hint && <p className="hint">{problem.hint}</p>}
        </div>
      )}
      {digests === null && <p className="hint">Not compared yet: compare with staging in Setup.</p>}
      {digests && (
        <>
          <table className="containers">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Pinned</th>
                <th scope="col">Running here</th>
                <th scope="col">On staging</th>
              </tr>
            </thead>
            <tbody>
              {digests.services.map((s) => (
                <tr key={s.service} data-testid={`digests-${s.service}`}>
                  <td>{s.service}</td>
                  {[s.pinned, s.running, s.staging].map((digest, i) => {
                    const differs = digest !== s.pinned || digest === null;
                    return (
                      <td key={i} className="mono" title={digest ?? 'none'}>
                        {differs && i > 0 ? <mark>{short(digest)}</mark> : short(digest)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">As the comparison at {digests.checkedAt} saw them.</p>
        </>
      )}
    </section>
  );
}
