import { createServer } from 'node:http';
import { handle } from './app';

const port = Number(process.env.PORT ?? 8080);

const server = createServer((req, res) => {
  const { status, body } = handle(req.url ?? '/');
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
});

server.listen(port, () => {
  console.log(`listening on http://localhost:${port}`);
});
