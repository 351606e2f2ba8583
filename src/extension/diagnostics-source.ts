// The Problems panel's content for get_problems and `#problems`: VS Code's diagnostics as plain data,
// with paths in the workspace file system's flavour (URI paths) so core can confine them.
import * as vscode from 'vscode';
import type { DiagnosticsSource, Problem, ProblemSeverity } from '../core/tools/diagnostics';

const severities: Readonly<Record<vscode.DiagnosticSeverity, ProblemSeverity>> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export class VscodeDiagnostics implements DiagnosticsSource {
  problems(): Problem[] {
    // Only documents of the workspace folders' schemes: an untitled buffer or a git diff side has no workspace path.
    const schemes = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme));
    const out: Problem[] = [];
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      if (!schemes.has(uri.scheme)) continue;
      for (const d of diagnostics) out.push(toProblem(uri, d));
    }
    return out;
  }
}

function toProblem(uri: vscode.Uri, d: vscode.Diagnostic): Problem {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    path: uri.path,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: severities[d.severity],
    ...(d.source ? { source: d.source } : {}),
    ...(code !== undefined && code !== '' ? { code: String(code) } : {}),
    message: d.message,
  };
}
