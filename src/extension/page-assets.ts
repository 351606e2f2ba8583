// The chat page's style sheets and first script, read once and written into each new page's HTML. In a
// webview every file the page loads is fetched through VS Code's service worker and the workbench, one
// round trip each, and the script waits for every style sheet before it runs: written into the HTML they
// arrive with it, so a new page paints sooner.
import * as vscode from 'vscode';
import { withIconFontUrl, type InlineAssets } from './webview-html';

// Only the icons the page's code names (esbuild.mjs writes the subset); the page links the full sheet after its first paint.
const sheets = [['dist', 'codicons', 'codicon-subset.css'], ['media', 'chat.css'], ['media', 'markdown.css']] as const;
const script = ['dist', 'webview.js'] as const;

export class PageAssets {
  private read: Promise<InlineAssets | undefined> | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: { warn(message: string): void }) {}

  /**
   * The assets to inline, with the icon font's URL made absolute for `webview` (the style sheet named it
   * relative to itself); undefined if they could not be read, and the page then links them as files.
   */
  async forPage(webview: vscode.Webview): Promise<InlineAssets | undefined> {
    this.read ??= this.load().catch((err: unknown) => {
      this.log.warn(`the chat page links its files instead of carrying them: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    });
    const assets = await this.read;
    if (!assets) return undefined;
    const fontDir = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'codicons')).toString();
    return { ...assets, styles: withIconFontUrl(assets.styles, fontDir) };
  }

  private async load(): Promise<InlineAssets> {
    const text = async (path: readonly string[]) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, ...path)));
    const [styles, code] = await Promise.all([Promise.all(sheets.map(text)), text(script)]);
    return { styles: styles.join('\n'), script: code };
  }
}
