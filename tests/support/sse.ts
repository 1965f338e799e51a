// Reading a text/event-stream in node tests: parses events (id, event, data) and comments as
// they arrive, and waits for a condition with a bound (the test fails instead of hanging).

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

export interface SseReader {
  events: SseEvent[];
  comments: string[];
  /** Resolves when `predicate` holds for the events so far (rejects after `ms`). */
  until(predicate: (events: SseEvent[]) => boolean, ms?: number, what?: string): Promise<void>;
  /** Messages (event "message") parsed as JSON. */
  messages<T = { seq: number; text: string; from: string }>(): T[];
  close(): Promise<void>;
  readonly ended: boolean;
}

export function readSse(response: Response): SseReader {
  if (!response.body) throw new Error('no body');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  let ended = false;
  const wake = () => waiters.forEach((w) => w());

  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event: SseEvent = { event: 'message', data: '' };
          const data: string[] = [];
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id:')) ((event.id = line.slice(3).trim()), (any = true));
            else if (line.startsWith('event:')) ((event.event = line.slice(6).trim()), (any = true));
            else if (line.startsWith('data:')) (data.push(line.slice(5).trimStart()), (any = true));
          }
          event.data = data.join('\n');
          if (any && data.length) events.push(event);
        }
        wake();
      }
    } catch {
      // cancelled
    } finally {
      ended = true;
      wake();
    }
  })();

  return {
    events,
    comments,
    get ended() {
      return ended;
    },
    messages<T>() {
      return events.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data) as T);
    },
    until(predicate, ms = 5000, what = 'events') {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (predicate(events)) {
            cleanup();
            resolve();
          } else if (ended) {
            cleanup();
            reject(
              new Error(
                `stream ended before ${what}; got ${JSON.stringify(events.map((e) => e.event + ':' + (e.id ?? '')))}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `timed out waiting for ${what}; got ${JSON.stringify(events.map((e) => e.event + ':' + (e.id ?? '')))}`,
            ),
          );
        }, ms);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      await reader.cancel().catch(() => undefined);
    },
  };
}
