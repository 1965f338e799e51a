// A stock create-vite react-ts app (React 19) using Dichtbij from npm, with the JSX types the
// package generates from its custom-elements manifest.
import { useMemo, useState } from 'react';
import type {} from '@dichtbij/components/react';
import '@dichtbij/components/feedback';
import { createClient } from '@dichtbij/sdk/client';
import { memoryAdapter } from '@dichtbij/sdk/adapters/memory';

export default function App() {
  const client = useMemo(() => createClient({ adapter: memoryAdapter(), locale: 'nl' }), []);
  const [sent, setSent] = useState('');
  return (
    <main>
      <h1>React app</h1>
      <dichtbij-feedback
        client={client}
        variant="page"
        ondichtbij-submitted={(event) => setSent(`sent ${event.detail.id ?? ''} (${event.detail.result})`)}
      ></dichtbij-feedback>
      <p id="sent">{sent}</p>
    </main>
  );
}
