/**
 * The baseline: a bare node:http server answering every request with the
 * bytes of one page. Run as its own process, so it does not share an event
 * loop with the load generator: `tsx static-server.ts <port> <file>`.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, file] = process.argv.slice(2);
if (!port || !file) throw new Error('usage: static-server.ts <port> <file>');
const body = readFileSync(file);
createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(body);
}).listen(Number(port), '127.0.0.1');
