/**
 * create-log-lambda hands every flag on to the `app` generator it bundles (with --upgrade, to the
 * `upgrade` generator): each must be an option the generator declares, of the same type (the
 * generator would otherwise ignore it, or parse it differently).
 */
import { appFlags, upgradeFlags } from '@log-lambda/shared';
import { describe, expect, it } from 'vitest';
import { createEnv } from 'yeoman-environment';
import AppGenerator from '../../generators/app/index.js';
import UpgradeGenerator from '../../generators/upgrade/index.js';
import { namespace } from '../../packages/create-log-lambda/src/generate.js';

describe('the app generator', () => {
  it('declares every flag of create-log-lambda', async () => {
    const env = createEnv();
    env.register(AppGenerator, { namespace });
    const generator = (await env.create(namespace, { generatorArgs: [], generatorOptions: { help: true } })) as unknown as {
      _options: Record<string, { type: unknown; alias?: string }>;
    };
    for (const { flag, type, short } of appFlags) {
      expect(generator._options[flag], `--${flag}`).toMatchObject({ type: type === 'boolean' ? Boolean : String, ...(short ? { alias: short } : {}) });
    }
  });
});

describe('the upgrade generator', () => {
  it('declares every flag of create-log-lambda --upgrade', async () => {
    const env = createEnv();
    env.register(UpgradeGenerator, { namespace: 'log-lambda:upgrade' });
    const generator = (await env.create('log-lambda:upgrade', { generatorArgs: [], generatorOptions: { help: true } })) as unknown as {
      _options: Record<string, { type: unknown; alias?: string }>;
    };
    for (const { flag, type, short } of upgradeFlags) {
      expect(generator._options[flag], `--${flag}`).toMatchObject({ type: type === 'boolean' ? Boolean : String, ...(short ? { alias: short } : {}) });
    }
  });
});
