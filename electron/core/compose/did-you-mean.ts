import { didYouMean as closestName } from '../did-you-mean';

/** Compose's wording of a suggestion, appended to a message: `` (did you mean `networks`?)`` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestName(word, [...candidates]);
  return match === undefined ? '' : ` (did you mean \`${match}\`?)`;
}
