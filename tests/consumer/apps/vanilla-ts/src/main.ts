// A stock create-vite vanilla-ts app using Dichtbij from npm: the element types come with
// the package (HTMLElementTagNameMap, the global event map).
import '@dichtbij/components/feedback';
import { createClient } from '@dichtbij/sdk/client';
import { memoryAdapter } from '@dichtbij/sdk/adapters/memory';

const app = document.querySelector<HTMLDivElement>('#app')!;
const feedback = document.createElement('dichtbij-feedback');
feedback.client = createClient({ adapter: memoryAdapter(), locale: 'nl' });
feedback.headingLevel = 2;
const sent = document.createElement('p');
sent.id = 'sent';
feedback.addEventListener('dichtbij-submitted', (event) => {
  sent.textContent = `sent ${event.detail.id ?? ''} (${event.detail.result})`;
});
app.append(feedback, sent);
