// The webview's only channel to the extension host, typed by the shared protocol.
import type { WebviewToHost } from '../core/protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function send(message: WebviewToHost): void {
  api.postMessage(message);
}

/** What survives the view being hidden: only the draft (the host owns the rest). */
export interface ViewState {
  draft?: string;
}

export function loadState(): ViewState {
  return (api.getState() as ViewState | undefined) ?? {};
}

export function saveState(state: ViewState): void {
  api.setState(state);
}
