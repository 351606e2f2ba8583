import assert from 'node:assert/strict';
import { builtinAgents } from '../../../src/core/agents/builtin';
import { findHandOff } from '../../../src/core/agents/handoff';
import { systemPrompt } from '../../../src/core/agents/prompt';
import { buildAgentList } from '../../../src/core/agents/registry';

const names = ['orchestrator', 'backend', 'frontend', 'qa', 'devops'];

describe('agent list', () => {
  it('has the five built-ins, each with a description and a role prompt', () => {
    const { agents, problems } = buildAgentList();
    assert.deepEqual(agents.map((a) => a.name), names);
    assert.deepEqual(problems, []);
    for (const a of agents) {
      assert.ok(a.description.length > 10);
      assert.match(a.systemPrompt, new RegExp(`@${a.name}`));
    }
  });

  it('lets settings override a built-in and add new agents, reporting unusable entries', () => {
    const { agents, problems } = buildAgentList([
      { name: '@backend', model: 'gpt-4o', provider: 'openai', temperature: 0.1 },
      { name: 'data-eng', description: 'Pipelines', systemPrompt: 'You are @data-eng.' },
      { name: 'bad name!', systemPrompt: 'x' },
      { name: 'nopROMPT' },
    ]);
    const backend = agents.find((a) => a.name === 'backend');
    assert.equal(backend?.model, 'gpt-4o');
    assert.equal(backend?.provider, 'openai');
    assert.equal(backend?.systemPrompt, builtinAgents[1]?.systemPrompt);
    assert.deepEqual(agents.map((a) => a.name), [...names, 'data-eng']);
    assert.equal(problems.length, 2);
  });
});

describe('system prompt', () => {
  const backend = builtinAgents.find((a) => a.name === 'backend')!;
  const base = { folders: ['app'], workspaceName: 'app', tools: ['read_file', 'edit_file'], restricted: false, teammates: builtinAgents };

  it('adds the workspace, the tools, the team and the project instructions', () => {
    const text = systemPrompt(backend, { ...base, activeFile: { path: 'src/a.ts', language: 'typescript' }, projectInstructions: 'Use tabs.' });
    assert.match(text, /workspace "app"/);
    assert.match(text, /src\/a\.ts \(typescript\)/);
    assert.match(text, /read_file, edit_file/);
    assert.match(text, /@qa: /);
    assert.doesNotMatch(text, /- @backend:/, 'an agent is not its own teammate');
    assert.match(text, /AGENTS\.md\)\nUse tabs\./);
  });

  it('tells the agent when the workspace is restricted', () => {
    assert.match(systemPrompt(backend, { ...base, restricted: true }), /Restricted Mode/);
  });
});

describe('hand-off', () => {
  it('passes the turn to a teammate mentioned with a task', () => {
    assert.deepEqual(findHandOff('Plan ready.\n@backend please add validation to users.ts', 'orchestrator', names, ['orchestrator'], 3), {
      agent: 'backend',
      task: '@backend please add validation to users.ts',
    });
  });

  it('ignores bare mentions, self-mentions, code and agents already in the chain', () => {
    assert.equal(findHandOff('Thanks @qa', 'backend', names, ['backend'], 3), undefined);
    assert.equal(findHandOff('@backend I will do this myself now', 'backend', names, ['backend'], 3), undefined);
    assert.equal(findHandOff('```\n@qa run the tests please\n```', 'backend', names, ['backend'], 3), undefined);
    assert.equal(findHandOff('@orchestrator please review this change', 'backend', names, ['orchestrator', 'backend'], 3), undefined);
  });

  it('stops at the depth limit', () => {
    const chain = ['orchestrator', 'backend', 'frontend', 'qa'];
    assert.equal(findHandOff('@devops deploy it to staging', 'qa', names, chain, 3), undefined);
    assert.equal(findHandOff('@devops deploy it to staging', 'qa', names, chain.slice(0, 3), 3)?.agent, 'devops');
  });
});
