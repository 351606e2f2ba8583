// stop: click on Stop → the fake server sees the connection closed; a bare fetch aborted in this process as
// the baseline.
import { answerCount, answers, send, settledAnswer } from '../../../test/e2e/chat-page';
import { median, p95 } from '../../stats';
import { Figures } from '../figures';
import { words } from '../plan';
import { lastClick, waitForMark } from '../probes';
import { now, type Session } from '../session';

const longReply = () => ({ tokens: words(3000, 's'), tokenDelayMs: 10 });

/** Starts a long answer, clicks Stop once its text shows; ms from the click to the server seeing the close. */
async function stopOnce(s: Session, i: number): Promise<number | undefined> {
  await s.calibrate();
  const before = await answerCount(s.chat);
  const n0 = s.fake.chatRequests().length;
  s.fake.enqueue(longReply());
  await send(s.chat, `Long answer ${i}, please`);
  const answer = answers(s.chat).nth(before);
  await answer.waitFor({ state: 'attached', timeout: 30_000 });
  const id = (await answer.getAttribute('data-message-id'))!;
  await waitForMark(s.frame, id, 'firstTextPainted', 30_000);
  const rec = s.fake.chatRequests()[n0]!;
  await s.chat.getByRole('button', { name: 'Stop' }).click();
  const closedAt = await s.fake.waitForClientClose(rec, 10_000);
  const clickAt = await lastClick(s.frame, 'Stop');
  await settledAnswer(s.chat, before, 'interrupted');
  return clickAt === undefined ? undefined : closedAt - s.toLocal(clickAt);
}

/** Baseline: a bare fetch in this process, aborted after the first bytes; ms to the server seeing the close. */
async function bareAbort(s: Session): Promise<number> {
  const b0 = s.fake.chatRequests().length;
  s.fake.enqueue(longReply());
  const ac = new AbortController();
  const res = await fetch(`${s.fake.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'bench' },
    body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 1000, messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    signal: ac.signal,
  });
  const reader = res.body!.getReader();
  await reader.read();
  await reader.read();
  const bareRec = s.fake.chatRequests()[b0]!;
  const abortAt = now();
  ac.abort();
  return (await s.fake.waitForClientClose(bareRec, 10_000)) - abortAt;
}

export async function stopPhase(s: Session, count: number): Promise<Figures> {
  await s.newChat();
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < count + 1; i++) {
    const ms = await stopOnce(s, i);
    if (i === 0 || ms === undefined) continue; // the first is a warm-up
    ours.push(ms);
    bare.push(await bareAbort(s));
  }
  const f = new Figures();
  f.add('stop.median', median(ours), 'ms', 100, ours.length, { baselineRatio: median(ours) / median(bare) });
  f.add('stop.p95', p95(ours), 'ms', 100, ours.length);
  f.add('stop.bareFetchAbort.median', median(bare), 'ms', null, bare.length);
  return f;
}
