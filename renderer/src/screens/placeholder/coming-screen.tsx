import type { ReactNode } from 'react';

/** Stands in for a screen another part of the app brings (troubleshooter, terminal, reset). */
export function ComingScreen({ title, what }: { title: string; what: string }): ReactNode {
  return (
    <section className="card" aria-labelledby="coming-title" data-testid="coming">
      <h2 id="coming-title">{title}</h2>
      <p>{what}</p>
      <p className="hint">Coming in this release.</p>
    </section>
  );
}
