// The chat webview's frame in a bench window, with the frame probe installed (the 10 MB command and its floor).
import type { Frame } from 'playwright-core';
import { openChatWhenReady } from '../../test/e2e/chat-page';
import type { Workbench } from '../../test/e2e/harness';
import { installProbe } from './probes';

export type ChatView = Awaited<ReturnType<typeof openChatWhenReady>>;

export async function webviewFrame(wb: Workbench): Promise<{ chat: ChatView; frame: Frame }> {
  const chat = await openChatWhenReady(wb.page);
  const frame = await (await chat.owner().elementHandle())?.contentFrame();
  if (!frame) throw new Error('bench: the chat webview has no frame');
  await installProbe(frame);
  return { chat, frame };
}
