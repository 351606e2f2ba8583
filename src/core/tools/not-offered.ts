// What the model is told when it calls a tool outside its agent's list: in our chat and in VS Code's Chat alike.

export function notOfferedNote(name: string): string {
  return `${name} is not one of this agent's tools. Use only the tools you were given.`;
}
