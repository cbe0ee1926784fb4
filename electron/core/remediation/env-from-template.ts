import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDotenv } from '../compose/dotenv';
import { ParityError } from '../parity-error';

export interface EnvFromTemplateOutcome {
  /** Keys appended to .env, with the template's value. */
  added: string[];
  /** Keys .env already had: left exactly as they were. */
  kept: string[];
  /** Keys the template does not define either: a person has to choose their value. */
  notInTemplate: string[];
}

/**
 * The `env-from-template` action: appends to the workspace's .env the given keys the template defines and
 * .env lacks. It never rewrites a line .env has, so a value someone set (a secret, a local host) survives.
 */
export async function addEnvFromTemplate(
  workspaceDir: string,
  template: string,
  keys: readonly string[],
): Promise<EnvFromTemplateOutcome> {
  const templatePath = join(workspaceDir, template);
  const envPath = join(workspaceDir, '.env');
  const templateText = await readFile(templatePath, 'utf8').catch((error: unknown) => {
    throw new ParityError(
      'invalid-request',
      `Cannot read the env template ${templatePath}: ${(error as Error).message}`,
      'Check env.template in parity.yml names a file in the workspace.',
      { cause: error },
    );
  });
  const envText = await readFile(envPath, 'utf8').catch(() => '');
  const noLookup = (): undefined => undefined;
  const templateValues = parseDotenv(templateText, noLookup);
  const existing = parseDotenv(envText, noLookup);
  const outcome: EnvFromTemplateOutcome = { added: [], kept: [], notInTemplate: [] };
  const lines: string[] = [];
  for (const key of keys) {
    if (Object.hasOwn(existing, key)) outcome.kept.push(key);
    else if (!Object.hasOwn(templateValues, key)) outcome.notInTemplate.push(key);
    else {
      outcome.added.push(key);
      lines.push(templateLine(templateText, key) ?? `${key}=${templateValues[key] ?? ''}`);
    }
  }
  if (lines.length > 0) {
    const separator = envText === '' || envText.endsWith('\n') ? '' : '\n';
    await writeFile(envPath, `${envText}${separator}${lines.join('\n')}\n`);
  }
  return outcome;
}

/** The template's own line for the key, so quoting and comments stay as the team wrote them. */
function templateLine(text: string, key: string): string | undefined {
  return text.split(/\r?\n/).find((line) => new RegExp(`^\\s*(export\\s+)?${escape(key)}\\s*=`).test(line));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
