/** One section of the staging script's output: `@@kind arg` and the lines up to the next header. */
export interface Section {
  kind: string;
  arg: string;
  body: string;
}

/**
 * Splits the output into sections. Remote output is untrusted: a header must be a known kind, and the
 * output must end with `@@end`, or the collection was cut short and is refused.
 */
export function parseSections(output: string, kinds: ReadonlySet<string>): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let complete = false;
  for (const line of output.split('\n')) {
    const header = /^@@([a-z]+)(?: (.*))?$/.exec(line);
    if (header && header[1] === 'end') {
      complete = true;
      break;
    }
    if (header?.[1] && kinds.has(header[1])) {
      current = { kind: header[1], arg: header[2] ?? '', body: '' };
      sections.push(current);
    } else if (current) {
      current.body += current.body === '' ? line : `\n${line}`;
    }
  }
  if (!complete) throw new Error('the staging output ended before its last section');
  return sections;
}
