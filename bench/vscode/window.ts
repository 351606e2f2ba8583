// Opens the bench window: the fake Anthropic server, the workbench on the release build (with the helper
// extension), the page probes, and the chat; returns the Session every phase works with.
import { openChat } from '../../test/e2e/chat-page';
import { openWorkbench, type Workbench } from '../../test/e2e/harness';
import type { FakeServer } from '../../test/fakes/server';
import type { ReleaseBuild } from './build';
import { findExtensionHost, Helper } from './exthost';
import { installPageProbe, openProbeInit } from './probes';
import { historyFolder } from './seed';
import { Session } from './session';

function openBenchWorkbench(build: ReleaseBuild, workspace: string, fake: FakeServer, helper: Helper, commandsInProcess: boolean): Promise<Workbench> {
  return openWorkbench({
    name: 'bench',
    workspace,
    extensionDevelopmentPath: build.extensionsFolder,
    settings: {
      'agentChat.provider': 'anthropic',
      'agentChat.anthropic.baseUrl': fake.url,
      'agentChat.maxRetries': 0,
      'workbench.startupEditor': 'none',
      // VS Code's automatic port forwarding scans /proc (ls of every process's fds, stat and readlink of each)
      // every few seconds from the extension host; on a busy machine that is most of the host's idle CPU and
      // would be counted as ours.
      'remote.autoForwardPorts': false,
    },
    env: {
      ANTHROPIC_API_KEY: 'sk-ant-bench',
      AGENT_CHAT_BENCH_HELPER_PORT: String(helper.port),
      // run_command's child-process path, for the quick run's 10 MB command (phases/commands.ts)
      ...(commandsInProcess ? { AGENT_CHAT_COMMANDS_IN_PROCESS: '1' } : {}),
    },
  });
}

/**
 * Opens the window and the chat. `onWorkbench` receives the workbench as soon as it exists, so that the
 * caller can close it even if a later step fails.
 */
export async function openBenchWindow(build: ReleaseBuild, workspace: string, fake: FakeServer, helperPort: number, onWorkbench: (wb: Workbench) => void, commandsInProcess = false): Promise<Session> {
  const helper = new Helper(helperPort);
  const started = Date.now();
  const wb = await openBenchWorkbench(build, workspace, fake, helper, commandsInProcess);
  onWorkbench(wb);
  // The workbench's part of the open probe now (it is loaded); the webview documents' part is added by the open
  // phases (Session.armOpenProbe), so that nothing of it runs while the other phases measure.
  await wb.page.evaluate(openProbeInit);
  await installPageProbe(wb.page);
  const s = new Session(wb, fake, helper);
  await helper.ready(120_000);
  await s.watchHost();
  await openChat(wb.page);
  await s.attach();
  console.log(`  workbench and chat open: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const first = await helper.activation(60_000);
  s.pid = findExtensionHost(wb.server.pid) ?? first.pid;
  if (s.pid !== first.pid) s.notes.push(`extension host pid from /proc (${s.pid}) differs from the helper's (${first.pid})`);
  s.history = await historyFolder(wb.server.userDataDir);
  return s;
}
