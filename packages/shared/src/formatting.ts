/**
 * The Prettier configuration a generated project ships (package.json's `prettier`), with which
 * every file log-lambda writes passes `prettier --check`: this repository's own options, and the
 * JSON files that tools rewrite (cdk.json by the CDK CLI, the sample lines by add-filter) formatted
 * as JSON.stringify writes them, the way Prettier formats package.json. Prettier reads .gitignore
 * too, so cdk.out/ is left alone.
 */
export const projectPrettierConfig = {
  printWidth: 180,
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  overrides: [{ files: ['cdk.json', 'cdk.context.json', 'test/fixtures/*.json'], options: { parser: 'json-stringify' } }],
} as const;
