import { connect, type Socket } from 'node:net';
import { Hono } from 'hono';
import { afterAll, expect, it } from 'vitest';
import { listen, type RunningServer } from './server.js';

// Slack, Telegram and Bot Framework reuse connections; one closed under a client's next request
// is a lost webhook (seen in CI as "other side closed"). Node closes idle ones after 5 s.

let server: RunningServer | undefined;
afterAll(() => server?.close());

const responseOn = (socket: Socket) =>
  new Promise<string>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\r\n\r\n') && text.endsWith('ok')) done(() => resolve(text));
    };
    const onEnd = () => done(() => reject(new Error('the server closed the idle connection')));
    const done = (settle: () => void) => {
      socket.off('data', onData).off('end', onEnd).off('close', onEnd);
      settle();
    };
    socket.on('data', onData).on('end', onEnd).on('close', onEnd);
  });

it('keeps an idle keep-alive connection open longer than clients keep theirs', async () => {
  const app = new Hono().get('/', (c) => c.text('ok'));
  server = await listen(app, 0, '127.0.0.1');
  const socket = connect(server.port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let closedByServer = false;
  socket.once('end', () => (closedByServer = true));
  const request = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';
  socket.write(request);
  expect(await responseOn(socket)).toMatch(/^HTTP\/1.1 200/);
  await new Promise((r) => setTimeout(r, 7_000));
  expect(closedByServer, 'the server closed the idle connection').toBe(false);
  const second = responseOn(socket);
  socket.write(request);
  expect(await second).toMatch(/^HTTP\/1.1 200/);
  socket.destroy();
}, 15_000);
