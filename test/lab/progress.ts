/** One line per finished step, so parallel steps never interleave mid-line. */
export async function step<T>(
  name: string,
  work: () => Promise<T>,
  note?: (result: T) => string,
): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    const extra = note ? note(result) : '';
    console.log(`lab: ${name} … ok (${seconds(started)})${extra ? ` ${extra}` : ''}`);
    return result;
  } catch (error) {
    console.log(`lab: ${name} … FAILED (${seconds(started)})`);
    throw error;
  }
}

function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)}s`;
}
