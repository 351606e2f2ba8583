import assert from 'node:assert/strict';
import { redactingLogger, type Logger } from '../../../src/core/log';

interface Line {
  level: string;
  message: string;
  err?: Error;
}

function recorder(): { sink: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const sink: Logger = {
    debug: (message) => lines.push({ level: 'debug', message }),
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message, err) => lines.push({ level: 'error', message, ...(err instanceof Error ? { err } : {}) }),
  };
  return { sink, lines };
}

describe('log: known keys never reach a line', () => {
  const key = 'sk-ant-test-0123456789abcdef';

  it('takes every known key out of each level, error messages and stacks included', () => {
    const { sink, lines } = recorder();
    const log = redactingLogger(sink, () => [key]);
    log.debug(`run curl -H "x-api-key: ${key}" https://api.example`);
    log.info(`tool run_command: ok ${key}`);
    log.warn(`${key}${key}`);
    const thrown = new TypeError(`401 for key ${key}`);
    log.error(`request failed (${key})`, thrown);
    assert.equal(lines.length, 4);
    for (const line of lines) {
      assert.ok(!line.message.includes(key), `${line.level}: ${line.message}`);
      assert.ok(line.message.includes('[redacted]'), line.message);
    }
    const logged = lines[3]?.err;
    assert.ok(logged);
    assert.equal(logged.name, 'TypeError');
    assert.equal(logged.message, '401 for key [redacted]');
    assert.ok(!(logged.stack ?? '').includes(key));
  });

  it('redacts keys learned after it was made, and leaves other text alone', () => {
    const { sink, lines } = recorder();
    const known: string[] = [];
    const log = redactingLogger(sink, () => known);
    log.info('Agent Chat activated in 12.0 ms');
    known.push(key);
    log.info(`key ${key} stored`);
    assert.deepEqual(lines.map((l) => l.message), ['Agent Chat activated in 12.0 ms', 'key [redacted] stored']);
  });
});
