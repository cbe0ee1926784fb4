import { readFileSync } from 'node:fs';
import { run } from './proc.js';

function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

export function mountPointsUnder(dirs: readonly string[]): string[] {
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((field): field is string => field !== undefined)
    .map(unescapeMountPath);
  return points.filter((point) => dirs.some((dir) => point === dir || point.startsWith(`${dir}/`)));
}

/**
 * Lazy unmount, deepest first: a killed dockerd or debootstrap leaves overlay, netns,
 * shm and proc mounts behind, and a parent cannot go before its children.
 */
export async function unmountUnder(dirs: readonly string[]): Promise<number> {
  let count = 0;
  // Stacked mounts on one point need one umount each; bounded so a stubborn mount cannot loop forever.
  for (let round = 0; round < 5; round++) {
    const points = [...new Set(mountPointsUnder(dirs))].sort(
      (a, b) => b.split('/').length - a.split('/').length,
    );
    if (points.length === 0) return count;
    for (const point of points) {
      await run('umount', ['-l', point]).catch(() => undefined);
      count++;
    }
  }
  const left = mountPointsUnder(dirs);
  if (left.length > 0) throw new Error(`could not unmount: ${left.join(', ')}`);
  return count;
}
