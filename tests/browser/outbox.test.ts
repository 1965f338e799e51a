import { expect, waitUntil } from '@open-wc/testing';
import { createClient, memoryAdapter, indexedDbStore, type FeedbackInput } from '@dichtbij/sdk';

const feedback: FeedbackInput = {
  variant: 'page',
  useful: false,
  reasons: ['unclear'],
  channel: 'website',
  page: { url: 'https://www.example.nl/afval' },
  locale: 'nl',
};

async function databases(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

describe('outbox in the browser (IndexedDB)', () => {
  beforeEach(async () => {
    localStorage.clear();
    sessionStorage.clear();
    await new Promise((resolve) => {
      const request = indexedDB.deleteDatabase('dichtbij-outbox');
      request.onsuccess = request.onerror = request.onblocked = resolve;
    });
  });

  it('creates no storage at all before the resident submits something', async () => {
    const client = createClient({ adapter: memoryAdapter() });
    await client.config.get();
    expect(await client.outbox.pending()).to.equal(0);
    expect(await databases()).not.to.include('dichtbij-outbox');
    expect(localStorage.length).to.equal(0);
    expect(sessionStorage.length).to.equal(0);
    expect(document.cookie).to.equal('');
    client.dispose();
  });

  it('keeps an offline submission in IndexedDB and sends it exactly once after a reload', async () => {
    const adapter = memoryAdapter();
    adapter.setOffline(true);
    const first = createClient({ adapter, retry: { baseDelay: 60_000 } });
    const result = await first.feedback.submit(feedback);
    expect(result.result).to.equal('queued');
    expect(await databases()).to.include('dichtbij-outbox');
    const stored = await indexedDbStore().load(adapter.id);
    expect(stored.map((i) => i.key)).to.deep.equal([result.id]);
    first.dispose(); // the page is closed

    adapter.setOffline(false);
    const second = createClient({ adapter }); // the next page load
    await waitUntil(() => adapter.received.feedback.length === 1, 'the queued feedback was not sent');
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('online'));
    await second.outbox.flush(true);
    expect(adapter.received.feedback).to.have.length(1);
    expect(adapter.received.feedback[0]!.key).to.equal(result.id);
    expect(adapter.received.feedback[0]!.input).to.deep.equal(feedback);
    expect(await second.outbox.pending()).to.equal(0);
    second.dispose();
  });

  it('sends on the online event, once, even with two clients on the page', async () => {
    const adapter = memoryAdapter();
    adapter.setOffline(true);
    const a = createClient({ adapter, retry: { baseDelay: 60_000 } });
    const b = createClient({ adapter, retry: { baseDelay: 60_000 } });
    await a.feedback.submit(feedback);
    adapter.setOffline(false);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => adapter.received.feedback.length >= 1);
    await Promise.all([a.outbox.flush(true), b.outbox.flush(true)]);
    expect(adapter.received.feedback).to.have.length(1);
    a.dispose();
    b.dispose();
  });
});
