import assert from 'node:assert/strict';
import { route } from '../../../src/core/agents/routing';
import { findMentions } from '../../../src/core/protocol/mentions';

const agents = ['orchestrator', 'backend', 'frontend', 'qa', 'devops', 'data-eng'];

describe('routing by @mention', () => {
  const cases: [string, string[], string[]][] = [
    ['no mention at all', ['orchestrator'], []],
    ['@backend add an endpoint', ['backend'], []],
    ['please ask @qa, then @frontend.', ['qa', 'frontend'], []],
    ['@Backend in capitals', ['backend'], []],
    ['@data-eng with a hyphen', ['data-eng'], []],
    ['ends with @backend-', ['backend'], []],
    ['mail me at someone@backend.com', ['orchestrator'], []],
    ['a path like src/@backend/x', ['orchestrator'], []],
    ['@backendx is not @backend', ['backend'], ['backendx']],
    ['@nobody here', ['orchestrator'], ['nobody']],
    ['use `@Override` in Java', ['orchestrator'], []],
    ['```\n@decorator\n```\n@devops deploy', ['devops'], []],
    ['@qa @qa twice', ['qa'], []],
  ];
  for (const [text, expected, unknown] of cases) {
    it(JSON.stringify(text), () => {
      assert.deepEqual(route(text, agents, 'orchestrator'), { agents: expected, unknown });
    });
  }

  it('finds mentions in order', () => {
    assert.deepEqual(findMentions('@a then @b-c and (@d)'), ['a', 'b-c', 'd']);
  });

  it('reads mentions in code as nobody, for the page (agent picker) as for the host (routing)', () => {
    assert.deepEqual(findMentions('Explain `@qa` and\n```\n@devops\n```\nthen @backend'), ['backend']);
  });
});
