/**
 * The floor of `npm run bench -- --subscriptions`: a hand-written fan-out of the same events with
 * `ws` and `amqplib` and nothing else (no token, no GraphQL, no re-read): a client connects to
 * `/?driver=<id>`, the process binds `driver.<id>.location` on its own queue and forwards each
 * message's bytes to that driver's sockets. Prints `floor listening on <port>`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import amqp from 'amqplib';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventExchange } from '../../src/events/DomainEvent.ts';

const url = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const connection = await amqp.connect(url);
const channel = await connection.createChannel();
await channel.assertExchange(eventExchange, 'topic', { durable: false });
const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
const sockets = new Map<string, Set<WebSocket>>();
await channel.consume(
  queue,
  (message) => {
    if (!message) return;
    for (const socket of sockets.get(message.fields.routingKey) ?? []) socket.send(message.content);
  },
  { noAck: true },
);

const server = createServer();
const wss = new WebSocketServer({ server });
wss.on('connection', (socket, request) => {
  const driver = new URL(request.url ?? '/', 'http://floor').searchParams.get('driver') ?? '';
  const key = `driver.${driver}.location`;
  let set = sockets.get(key);
  if (!set) {
    set = new Set();
    sockets.set(key, set);
    void channel.bindQueue(queue, eventExchange, key);
  }
  set.add(socket);
  socket.once('close', () => set.delete(socket));
  socket.send('{"ready":true}');
});
server.listen(0, '127.0.0.1', () => console.log(`floor listening on ${(server.address() as AddressInfo).port}`));
process.once('SIGTERM', () => {
  void connection.close().finally(() => process.exit(0));
});
