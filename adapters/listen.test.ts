import { connect, type Socket } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { afterAll, expect, it } from 'vitest';
import { closeUnreadBodies } from './close-unread.js';
import { listen, type RunningServer } from './server.js';

// Slack, Telegram and Bot Framework reuse connections; one closed under a client's next request
// is a lost webhook (seen in CI as "other side closed"). Node closes idle ones after 5 s.

const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

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
  // Node arms a connection's idle timer (socket.setTimeout) as it finishes writing an answer; the
  // timer it armed is what decides when the server closes the connection, so read it right there.
  let idleTimer!: (ms: number | undefined) => void;
  const armed = new Promise<number | undefined>((r) => (idleTimer = r));
  const app = new Hono().get('/', (c) => {
    const { incoming, outgoing } = c.env as HttpBindings;
    // Listeners run in order: Node's own, added before the request reached us, has armed the timer.
    outgoing.once('finish', () => idleTimer(incoming.socket.timeout));
    return c.text('ok');
  });
  const server = await listen(app, 0, '127.0.0.1');
  servers.push(server);
  const socket = connect(server.port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const request = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';
  socket.write(request);
  expect(await responseOn(socket)).toMatch(/^HTTP\/1.1 200/);
  // Longer than undici's 4 s and Node's own 5 s, and than the 60 s proxies commonly keep upstream connections.
  expect(await armed).toBeGreaterThan(60_000);
  // And the connection is the one the next request uses.
  const second = responseOn(socket);
  socket.write(request);
  expect(await second).toMatch(/^HTTP\/1.1 200/);
  socket.destroy();
});

it('answers before reading a large body with Connection: close and closes at once, so no client reuses the socket', async () => {
  const app = new Hono()
    .use('*', closeUnreadBodies())
    .post('/capped', bodyLimit({ maxSize: 1024, onError: (c) => c.text('too large', 413) }), async (c) => c.text(`read ${(await c.req.text()).length} ok`));
  const server = await listen(app, 0, '127.0.0.1');
  servers.push(server);
  const exchange = async (body: string) => {
    const socket = connect(server.port, '127.0.0.1');
    let text = '';
    let ended = false;
    socket.on('data', (chunk) => (text += chunk.toString()));
    const end = new Promise<void>((r) => socket.once('end', () => ((ended = true), r())));
    socket.write(`POST /capped HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    // Read until the answer is whole; a closing server also ends the socket.
    await Promise.race([end, new Promise<void>((r) => socket.on('data', () => text.endsWith('ok') && r()))]);
    socket.destroy();
    return { text, ended };
  };
  const refused = await exchange('x'.repeat(200 * 1024));
  expect(refused.text).toMatch(/^HTTP\/1.1 413/);
  expect(refused.text).toMatch(/\r\nconnection: close\r\n/i);
  expect(refused.ended, 'the server ended the connection with its answer').toBe(true);
  // A body the route read keeps the connection alive for the next request.
  const read = await exchange('x'.repeat(100));
  expect(read.text).toMatch(/^HTTP\/1.1 200/);
  expect(read.text).toMatch(/\r\nconnection: keep-alive\r\n/i);
  expect(read.ended).toBe(false);
});
