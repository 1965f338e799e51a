// The CDN entries (dist/cdn, the published shape) are one file each before anyone interacts, and
// share what loads on demand: a page that loads both dichtbij.js and feedback.js (a CMS theme and a
// plugin, each with its own script tag) asks for two files up front, draws the feedback question
// once, and fetches the feedback element's code once, on the first click, which it then handles.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { createClient, memoryAdapter, memoryStore, type DichtbijClient } from '@dichtbij/sdk';
import { loadCdn, upgraded } from '../support/lazy.ts';

const CDN = '/packages/components/dist/cdn/';
/** The dist/cdn files this page has asked for so far, as paths below dist/cdn/ (query strings left off). */
const fetched = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((p) => p.startsWith(CDN))
    .map((p) => p.slice(CDN.length));

describe('CDN entries: one file each before an interaction, the rest shared', () => {
  it('dichtbij.js and feedback.js on one page: two requests up front, one question, the element fetched once', async function () {
    this.timeout(30_000);
    sessionStorage.clear();
    // The test runner's own modules fill the default buffer (250): room for this page's files.
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(10_000);
    const adapter = memoryAdapter();
    const client = createClient({ adapter, locale: 'nl', outboxStore: memoryStore() });
    const el = document.createElement('dichtbij-feedback') as HTMLElement & { client?: DichtbijClient };
    el.client = client;
    document.body.append(el);

    await Promise.all([loadCdn('feedback.js'), loadCdn('dichtbij.js')]);
    await waitUntil(() => el.shadowRoot?.querySelector('button'), 'the first state renders', { timeout: 8000 });
    // Let anything the entries load by themselves (without an interaction) start.
    await new Promise((r) => setTimeout(r, 300));
    expect(fetched().sort()).to.deep.equal(['dichtbij.js', 'feedback.js']);
    expect(customElements.get('dichtbij-feedback'), 'no element code before an interaction').to.equal(undefined);
    // One first state, drawn once (two copies of the facade code, one registry).
    const buttons = () => [...el.shadowRoot!.querySelectorAll('button')];
    expect(buttons().map((b) => b.textContent?.trim())).to.deep.equal(['Ja', 'Nee']);
    expect(el.shadowRoot!.querySelectorAll('h2')).to.have.length(1);
    await expect(el).to.be.accessible();

    const submitted = oneEvent(el, 'dichtbij-submitted');
    const ja = buttons()[0]!.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(ja.x + ja.width / 2), Math.round(ja.y + ja.height / 2)] });
    await upgraded(el, 'dichtbij-feedback');
    const { detail } = await submitted;
    expect(detail.result).to.equal('sent');
    expect(adapter.received.feedback).to.have.length(1);
    expect(adapter.received.feedback[0]!.input).to.include({ useful: true });

    // What loaded on demand came from the shared chunks, each file once.
    const files = fetched();
    const elementChunks = files.filter((f) => /^dichtbij-chunks\/dichtbij-feedback-[\w-]+\.js$/.test(f));
    expect(elementChunks, files.join('\n')).to.have.length(1);
    expect(files.filter((f) => !f.startsWith('dichtbij-chunks/')).sort()).to.deep.equal(['dichtbij.js', 'feedback.js']);
    expect(new Set(files).size, `a file fetched twice:\n${files.join('\n')}`).to.equal(files.length);
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'thanks', 'focus on the thank-you heading', {
      timeout: 8000,
    });
    await expect(el).to.be.accessible();
    el.remove();
  });
});
