export interface Greeting {
  message: string;
  at: string;
}

/** Builds the greeting the server sends back. */
export function greet(name: string): Greeting {
  const who = name.trim() || 'world';
  return { message: `Hello, ${who}!`, at: new Date().toISOString() };
}

export function handle(url: string): { status: number; body: string } {
  const { pathname, searchParams } = new URL(url, 'http://localhost');
  if (pathname === '/hello') {
    return { status: 200, body: JSON.stringify(greet(searchParams.get('name') ?? '')) };
  }
  return { status: 404, body: 'not found' };
}
