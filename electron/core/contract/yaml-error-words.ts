import type { YAMLParseError } from 'yaml';

/**
 * The YAML parser's errors in words for someone who has edited a YAML file twice. Its own messages are
 * right but terse ("Implicit keys need to be on a single line"); the position comes from the parser as is.
 */
export function describeYamlError(error: YAMLParseError): string {
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return 'this line is indented with a tab; YAML indents with spaces only';
    case 'DUPLICATE_KEY':
      return 'this key is written twice in the same mapping; keep one of them';
    case 'BAD_INDENT':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return (
        'the indentation of this line and the next does not line up: keys of one mapping start in the same column, ' +
        'and a nested mapping starts on its own line, indented further than its key'
      );
    case 'MULTIPLE_DOCS':
      return 'a second YAML document starts here ("---"); parity.yml holds exactly one';
    case 'RESOURCE_EXHAUSTION':
      return 'the file nests values too deeply to be read safely';
    case 'MISSING_CHAR':
      if (/quote/i.test(error.message)) return 'a quoted value is never closed: its closing quote is missing';
      return `YAML syntax: ${parserWords(error)}`;
    default:
      return `YAML syntax: ${parserWords(error)}`;
  }
}

/** The parser's first sentence, without the "at line 3, column 5:" and code excerpt prettyErrors adds. */
function parserWords(error: YAMLParseError): string {
  const first = error.message.split('\n')[0] ?? error.message;
  const words = first.replace(/ at line \d+, column \d+:?$/, '').trim();
  return words.charAt(0).toLowerCase() + words.slice(1);
}
