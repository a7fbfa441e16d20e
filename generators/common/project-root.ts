import { readFileSync } from 'node:fs';
import path from 'node:path';
import { YO_RC_KEY } from '@log-lambda/shared';

/** The nearest folder above `from` holding a log-lambda .yo-rc.json, to point the user at. */
export function findProjectAbove(from: string): string | undefined {
  for (let dir = path.dirname(from); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const rc = JSON.parse(readFileSync(path.join(dir, '.yo-rc.json'), 'utf8')) as Record<string, unknown>;
      if (rc[YO_RC_KEY]) return dir;
    } catch {
      // no .yo-rc.json here
    }
  }
  return undefined;
}
