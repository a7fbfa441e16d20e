import { readFileSync } from 'node:fs';

/** This package's version; package.json is one folder up from src/ and from dist/ alike. */
export function version(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
