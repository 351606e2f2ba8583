// The chat view's id as package.json contributes it (a file of its own: activation registers the view without
// loading the view's code).

export const chatViewId = 'agentChat.chatView';
