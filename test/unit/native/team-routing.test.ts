// VS Code's Chat participants: @team sends a request to the agent it names first (custom agents from
// agentChat.agents included), and an answer that hands over suggests asking that teammate next, through a
// participant that exists and with a prompt that reaches the same agent again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAgentList } from '../../../src/core/agents/registry';
import { findHandOff } from '../../../src/core/agents/handoff';
import { followupTarget, routeToAgent } from '../../../src/extension/native/team-routing';

const custom = { name: 'data-eng', description: 'Data pipelines and SQL', systemPrompt: 'You are @data-eng, who builds data pipelines.' };
const { agents } = buildAgentList([custom]);
const deps = { team: { agents } };
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { chatParticipants: { id: string; name: string }[] };
};
const participantIds = manifest.contributes.chatParticipants.map((p) => p.id);

describe("@team in VS Code's Chat: routing by the agent's name", () => {
  it('routes "name: task", "@name task" and "name task" to that agent, with the rest as the task', () => {
    assert.deepEqual(routeToAgent('backend: add a /health route', deps), { agent: 'backend', text: 'add a /health route' });
    assert.deepEqual(routeToAgent('@qa write tests for greet', deps), { agent: 'qa', text: 'write tests for greet' });
    assert.deepEqual(routeToAgent('  devops check the build', deps), { agent: 'devops', text: 'check the build' });
  });

  it('reaches a custom agent from agentChat.agents, whatever the case of its name', () => {
    assert.deepEqual(routeToAgent('data-eng: load the CSV', deps), { agent: 'data-eng', text: 'load the CSV' });
    assert.deepEqual(routeToAgent('@Data-Eng load the CSV', deps), { agent: 'data-eng', text: 'load the CSV' });
  });

  it('keeps a task of several lines whole', () => {
    assert.deepEqual(routeToAgent('frontend: first line\nsecond line', deps), { agent: 'frontend', text: 'first line\nsecond line' });
  });

  it('routes nowhere when the first word is no agent of the team (the participant then lists the team)', () => {
    assert.equal(routeToAgent('please fix the build', deps), undefined);
    assert.equal(routeToAgent('data: load it', deps), undefined, 'a prefix of a name is not the name');
    assert.equal(routeToAgent('', deps), undefined);
    assert.equal(routeToAgent('data-eng: x', { team: { agents: buildAgentList([]).agents } }), undefined, 'without the setting there is no data-eng');
  });
});

describe("VS Code's Chat: the follow-up after a hand-off", () => {
  const names = agents.map((a) => a.name);

  it("suggests asking a built-in teammate directly, with the hand-off's task as the prompt", () => {
    const handOff = findHandOff('Done: the route is in.\n→ @qa: write tests for /health', 'backend', names, ['backend'], 3);
    assert.ok(handOff);
    assert.deepEqual(followupTarget(handOff), { prompt: 'write tests for /health', participant: 'agentChat.qa' });
    assert.ok(participantIds.includes('agentChat.qa'), 'the participant it names is contributed');
  });

  it('suggests a custom teammate through @team, with a prompt that routes back to that agent', () => {
    const handOff = findHandOff('The API is ready.\n-> @data-eng: load the CSV into the table', 'backend', names, ['backend'], 3);
    assert.ok(handOff);
    const target = followupTarget(handOff);
    assert.deepEqual(target, { prompt: 'data-eng: load the CSV into the table', participant: 'agentChat.team' });
    assert.ok(participantIds.includes('agentChat.team'), '@team is contributed');
    assert.deepEqual(routeToAgent(target.prompt, deps), { agent: 'data-eng', text: 'load the CSV into the table' });
  });

  it('every built-in agent has a participant of its own to be suggested', () => {
    for (const name of buildAgentList([]).agents.map((a) => a.name)) {
      assert.ok(participantIds.includes(followupTarget({ agent: name, task: 'x' }).participant), name);
    }
  });
});
