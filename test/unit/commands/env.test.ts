import assert from 'node:assert/strict';
import { scrubEnv } from '../../../src/core/commands/env';

describe('commands: environment scrubbing', () => {
  it('drops credential-like names and any value holding a known key, keeping the rest', () => {
    const key = 'sk-ant-test-0123456789abcdef';
    const { env, removed } = scrubEnv(
      {
        PATH: '/usr/bin',
        HOME: '/home/u',
        ANTHROPIC_API_KEY: 'x',
        OPENAI_BASE_URL: 'http://localhost',
        MY_SERVICE_TOKEN: 't',
        github_token: 'g',
        DB_PASSWORD: 'p',
        AWS_SECRET_ACCESS_KEY: 's',
        INNOCENT_NAME: key,
        AUTH_HEADER: `Bearer ${key}`,
        SHORT: '1',
        EMPTY: undefined,
      },
      { secretValues: [key, '1'] },
    );
    assert.deepEqual(env, { PATH: '/usr/bin', HOME: '/home/u', SHORT: '1' });
    assert.deepEqual(removed.sort(), ['ANTHROPIC_API_KEY', 'AUTH_HEADER', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'INNOCENT_NAME', 'MY_SERVICE_TOKEN', 'OPENAI_BASE_URL', 'github_token']);
  });

  it('uses the given name patterns instead of the defaults', () => {
    const { env } = scrubEnv({ A_TOKEN: 'a', CUSTOM: 'b' }, { secretValues: [], namePatterns: ['CUST*'] });
    assert.deepEqual(env, { A_TOKEN: 'a' });
  });
});
