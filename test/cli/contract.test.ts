/**
 * Both doors take the same flags, from the one definition in @log-lambda/shared: every flag of
 * create-log-lambda (create, --add-filter, --upgrade) is an option the matching yo generator
 * declares, of the same type and alias.
 */
import { addFilterFlags, appFlags, upgradeFlags, type Flag } from '@log-lambda/shared';
import { describe, expect, it } from 'vitest';
import { createEnv } from 'yeoman-environment';
import AppGenerator from '../../generators/app/index.js';
import FilterGenerator from '../../generators/filter/index.js';
import UpgradeGenerator from '../../generators/upgrade/index.js';

describe.each([
  ['log-lambda:app', AppGenerator, appFlags, 'create-log-lambda'],
  ['log-lambda:filter', FilterGenerator, addFilterFlags, 'create-log-lambda --add-filter'],
  ['log-lambda:upgrade', UpgradeGenerator, upgradeFlags, 'create-log-lambda --upgrade'],
] as const)('yo %s', (namespace, Generator, flags: readonly Flag[], door) => {
  it(`declares every flag of ${door}`, async () => {
    const env = createEnv();
    env.register(Generator as never, { namespace });
    const generator = (await env.create(namespace, { generatorArgs: [], generatorOptions: { help: true } })) as unknown as {
      _options: Record<string, { type: unknown; alias?: string }>;
    };
    for (const { flag, type, short } of flags) {
      expect(generator._options[flag], `--${flag}`).toMatchObject({ type: type === 'boolean' ? Boolean : String, ...(short ? { alias: short } : {}) });
    }
  });
});
