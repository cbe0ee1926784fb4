import type { ReactNode } from 'react';
import { WorkspacePicker } from '../../components/workspace-picker';

/** Welcome: what Parity does, then a workspace to open (a folder with parity.yml, the demo lab, a recent one). */
export function WelcomeScreen({ onOpened }: { onOpened: () => void }): ReactNode {
  return (
    <div data-testid="welcome">
      <section className="card" aria-labelledby="welcome-title">
        <h2 id="welcome-title">Welcome to Parity</h2>
        <p>
          Parity pulls the exact images staging runs, starts the stack, seeds the data and then proves, with a
          score, that this machine matches staging.
        </p>
      </section>
      <WorkspacePicker onOpened={onOpened} />
    </div>
  );
}
