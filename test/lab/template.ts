/** Fills {{NAME}} placeholders; a missing value is an error, never an empty string. */
export function renderTemplate(
  text: string,
  values: Readonly<Record<string, string>>,
  source: string,
): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${source} needs a value for ${whole}`);
    return value;
  });
}
