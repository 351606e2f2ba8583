// The `--vscode-*` colours the chat uses, per theme, as VS Code 1.139 sets them (its colour registry's
// defaults for Dark Modern, Light Modern and High Contrast Dark), for tests that check what the page
// takes from the theme.

export type ThemeName = 'dark' | 'light' | 'hc';

const fonts = { 'font-family': 'sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace', 'editor-font-size': '13px' };

export const themes: Record<ThemeName, { kind: string; vars: Record<string, string> }> = {
  dark: {
    kind: 'vscode-dark',
    vars: {
      ...fonts,
      'editorWarning-foreground': '#cca700',
      foreground: '#cccccc', 'editor-foreground': '#cccccc', 'sideBar-background': '#181818', 'editor-background': '#1f1f1f',
      focusBorder: '#0078d4', 'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-border': '#ffffff12',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'input-background': '#313131',
      'editorError-foreground': '#f85149', 'textCodeBlock-background': '#2b2b2b', 'descriptionForeground': '#9d9d9d',
      'symbolIcon-keywordForeground': '#cccccc', 'symbolIcon-functionForeground': '#b180d7', 'symbolIcon-classForeground': '#ee9d28',
      'symbolIcon-variableForeground': '#75beff', 'debugTokenExpression-name': '#c586c0', 'debugTokenExpression-boolean': '#4e94ce',
      'debugTokenExpression-string': '#ce9178', 'debugTokenExpression-number': '#b5cea8', 'badge-background': '#616161', 'badge-foreground': '#f8f8f8',
      'charts-blue': '#3794ff', 'charts-purple': '#b180d7', 'charts-green': '#89d185', 'charts-orange': '#d18616', 'charts-yellow': '#cca700', 'charts-red': '#f14c4c',
    },
  },
  light: {
    kind: 'vscode-light',
    vars: {
      ...fonts,
      'editorWarning-foreground': '#bf8803',
      foreground: '#3b3b3b', 'editor-foreground': '#3b3b3b', 'sideBar-background': '#f8f8f8', 'editor-background': '#ffffff',
      focusBorder: '#005fb8', 'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-border': '#0000001a',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'input-background': '#ffffff',
      'editorError-foreground': '#e51400', 'textCodeBlock-background': '#f2f2f2', 'descriptionForeground': '#3b3b3b',
      'symbolIcon-keywordForeground': '#3b3b3b', 'symbolIcon-functionForeground': '#652d90', 'symbolIcon-classForeground': '#d67e00',
      'symbolIcon-variableForeground': '#007acc', 'debugTokenExpression-name': '#9b46b0', 'debugTokenExpression-boolean': '#0000ff',
      'debugTokenExpression-string': '#a31515', 'debugTokenExpression-number': '#098658', 'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b',
      'charts-blue': '#1a85ff', 'charts-purple': '#652d90', 'charts-green': '#388a34', 'charts-orange': '#d18616', 'charts-yellow': '#bf8803', 'charts-red': '#e51400',
    },
  },
  hc: {
    kind: 'vscode-high-contrast',
    vars: {
      ...fonts,
      'editorWarning-foreground': '#ffd370',
      foreground: '#ffffff', 'editor-foreground': '#ffffff', 'sideBar-background': '#000000', 'editor-background': '#000000',
      focusBorder: '#f38518', contrastBorder: '#6fc3df', 'button-background': '#000000', 'button-foreground': '#ffffff',
      'button-border': '#6fc3df', 'button-secondaryForeground': '#ffffff', 'input-background': '#000000', 'input-border': '#6fc3df',
      'editorError-foreground': '#f48771', 'descriptionForeground': '#ffffffb3',
      'symbolIcon-keywordForeground': '#ffffff', 'symbolIcon-functionForeground': '#b180d7', 'symbolIcon-classForeground': '#ee9d28',
      'symbolIcon-variableForeground': '#75beff', 'debugTokenExpression-name': '#ffffff', 'debugTokenExpression-boolean': '#75bdfe',
      'debugTokenExpression-string': '#f48771', 'debugTokenExpression-number': '#89d185', 'badge-background': '#000000', 'badge-foreground': '#ffffff',
      'charts-blue': '#3794ff', 'charts-purple': '#b180d7', 'charts-green': '#89d185', 'charts-orange': '#d18616', 'charts-yellow': '#cca700', 'charts-red': '#f14c4c',
    },
  },
};
