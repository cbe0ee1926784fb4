/**
 * Splits a `command:` or `entrypoint:` written as one string into arguments the way Compose does
 * (go-shellwords): whitespace separates, single quotes keep everything, double quotes keep all but `\"`
 * and `\\`, a backslash outside quotes escapes the next character. No shell runs and nothing is expanded:
 * Compose interpolated the variables already, and `sh -c` is only used when the file asks for it.
 */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (quote === "'") {
      if (char === "'") quote = null;
      else current += char;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) current += text.charAt(++i);
      else current += char;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < text.length) {
      current += text.charAt(++i);
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote !== null) throw new Error(`unterminated ${quote} quote in ${JSON.stringify(text)}`);
  if (inWord) words.push(current);
  return words;
}
