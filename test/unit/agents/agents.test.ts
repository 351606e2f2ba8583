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

  it('gives the built-ins their avatars and takes a custom agent\'s icon only when it is a codicon name', () => {
    const { agents } = buildAgentList([
      { name: 'data-eng', systemPrompt: 'You are @data-eng.', icon: 'database' },
      { name: 'ops2', systemPrompt: 'You are @ops2.', icon: 'x" onclick="alert(1)' },
      { name: 'qa', icon: 'bug' },
    ]);
    const icon = (name: string) => agents.find((a) => a.name === name)?.icon;
    assert.deepEqual(['orchestrator', 'backend', 'frontend', 'devops'].map(icon), ['organization', 'server', 'browser', 'rocket']);
    assert.equal(icon('qa'), 'bug', 'a built-in\'s icon can be changed');
    assert.equal(icon('data-eng'), 'database');
    assert.equal(icon('ops2'), undefined, 'not a codicon name: no icon (the chat shows its default)');
  });
});

describe('system prompt', () => {
  const backend = builtinAgents.find((a) => a.name === 'backend')!;
  const base = { folders: ['app'], workspaceName: 'app', tools: ['read_file', 'edit_file'], restricted: false, teammates: builtinAgents };

  it('adds the workspace, the tools, the team and the project instructions', () => {
    const text = systemPrompt(backend, { ...base, projectInstructions: 'Use tabs.' });
    assert.match(text, /workspace "app"/);
    assert.match(text, /read_file, edit_file/);
    assert.match(text, /@qa: /);
    assert.doesNotMatch(text, /- @backend:/, 'an agent is not its own teammate');
    assert.match(text, /AGENTS\.md\)\nUse tabs\./);
  });

  it('says when to run commands where run_command is offered, and that commands cannot run where it is not', () => {
    assert.match(systemPrompt(backend, { ...base, tools: [...base.tools, 'run_command'] }), /Use run_command to run tests/);
    assert.match(systemPrompt(backend, { ...base, restricted: true }), /cannot run commands here \(the workspace is in Restricted Mode\)/);
    assert.doesNotMatch(systemPrompt(backend, base), /Use run_command/);
    assert.match(systemPrompt(backend, base), /cannot run commands here \(this workspace has no shell/);
    const narrowed = { ...backend, tools: ['read_file', 'edit_file'] };
    assert.match(systemPrompt(narrowed, base), /cannot run commands here \(your tool list does not include run_command/);
    assert.doesNotMatch(systemPrompt(narrowed, base), /no shell/);
    assert.match(systemPrompt({ ...backend, tools: ['run_*'] }, base), /no shell/, 'a list that covers run_command: the shell is what is missing');
  });

  it('tells the agent when the workspace is restricted', () => {
    assert.match(systemPrompt(backend, { ...base, restricted: true }), /Restricted Mode/);
  });
});

describe('hand-off', () => {
  const offer = (text: string, from = 'orchestrator', chain = [from]) => findHandOff(text, from, names, chain, 3);

  it('offers the turn to the teammate on an explicit last line, with the task as written', () => {
    assert.deepEqual(offer('Plan ready.\n\n→ @backend: add validation to users.ts'), { agent: 'backend', task: 'add validation to users.ts' });
    assert.deepEqual(offer('Done.\n-> @qa: cover the 400 and 500 paths\n\n'), { agent: 'qa', task: 'cover the 400 and 500 paths' });
    assert.deepEqual(offer('→@QA:  write the test  '), { agent: 'qa', task: 'write the test' });
    assert.deepEqual(offer('Steps:\n```sh\nnpm test\n```\n→ @devops: add the CI job'), { agent: 'devops', task: 'add the CI job' });
  });

  it('never hands off from a mention in prose, a list, emphasis, a quote or code', () => {
    const prose = [
      'Ask **@qa** to cover the 400 and 500 paths',
      'Ask @qa to cover the 400 and 500 paths.',
      'Next, @backend please add validation to users.ts',
      '@backend please add validation to users.ts',
      '- @qa: cover the 400 and 500 paths',
      '* → @qa: cover the 400 and 500 paths',
      '1. → @qa: cover the 400 and 500 paths',
      '**→ @qa: cover the 400 and 500 paths**',
      '_→ @qa: cover the 400 and 500 paths_',
      '→ **@qa**: cover the 400 and 500 paths',
      '> → @qa: cover the 400 and 500 paths',
      '`→ @qa: cover the 400 and 500 paths`',
      '```\n→ @qa: cover the 400 and 500 paths\n```',
      '```\n→ @qa: cover the 400 and 500 paths',
      'I would → @qa: cover the paths',
      'Handoff: @qa — cover the paths',
      '→ @qa cover the 400 and 500 paths',
      '→ @qa:',
      '→ @qa: …',
      '→ @qa, @backend: cover the paths',
      '→ @qa: cover the paths\nThanks for reading.',
      'Thanks @qa',
    ];
    for (const text of prose) assert.equal(offer(text), undefined, text);
  });

  it('ignores unknown teammates, the speaker itself and agents already in the chain', () => {
    assert.equal(offer('→ @nobody: do it'), undefined);
    assert.equal(offer('→ @backend: I will do this myself', 'backend'), undefined);
    assert.equal(offer('→ @orchestrator: please review', 'backend', ['orchestrator', 'backend']), undefined);
    assert.equal(offer('→ user@qa: write tests'), undefined);
  });

  it('stops at the depth limit', () => {
    const chain = ['orchestrator', 'backend', 'frontend', 'qa'];
    assert.equal(findHandOff('→ @devops: deploy it to staging', 'qa', names, chain, 3), undefined);
    assert.equal(findHandOff('→ @devops: deploy it to staging', 'qa', names, chain.slice(0, 3), 3)?.agent, 'devops');
  });

  it('is what the prompts teach', () => {
    const backend = builtinAgents.find((a) => a.name === 'backend')!;
    const prompt = systemPrompt(backend, { folders: ['app'], tools: [], restricted: false, teammates: builtinAgents });
    assert.match(prompt, /→ @name: the concrete task/);
    assert.deepEqual(offer('Fixed.\n→ @qa: cover the 400 and 500 paths'), { agent: 'qa', task: 'cover the 400 and 500 paths' });
  });
});
