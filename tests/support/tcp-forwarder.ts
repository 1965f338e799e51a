/**
 * A TCP forwarder on 127.0.0.1 and a free port: a stable address in front of a backend that a
 * test stops and starts again (e.g. a Prism mock, which gets a new port on every start).
 *
 *   const forwarder = await startTcpForwarder(prism.url);
 *   after(() => forwarder.close());
 *   // configure the code under test with forwarder.url; later: forwarder.setTarget(newPrism.url)
 *
 * While the target is down, connections are accepted and closed at once (the client sees a
 * network error). Bytes are passed through untouched, so a validating backend sees exactly what
 * the client sent.
 */
import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

export interface TcpForwarder {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** Forward new connections to this URL's host and port; open connections to the old target are closed. */
  setTarget(url: string): void;
  close(): Promise<void>;
}

function hostPort(url: string) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

export async function startTcpForwarder(target: string): Promise<TcpForwarder> {
  let current = hostPort(target);
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  const server = createServer((client) => {
    track(client);
    const upstream = connect(current);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };

  const dropAll = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    setTarget(url) {
      current = hostPort(url);
      dropAll();
    },
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      dropAll();
      await closed;
    },
  };
}
