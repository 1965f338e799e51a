/// <reference types="vite/client" />
// The autodocs page of every element, from the custom-elements manifest only: summary and description (the
// element's JSDoc), the element README's prose, usage in HTML/React/Vue, the first story with a control for
// every attribute and property, and the tables (attributes, properties, methods, events, slots, CSS parts,
// CSS custom properties) — see manifest-docs.ts. Written with createElement: the repository has no JSX.
import { createElement as h, Fragment } from 'react';
import {
  Controls,
  Description,
  Heading,
  Markdown,
  Primary,
  Source,
  Stories,
  Subtitle,
  Title,
  useOf,
} from '@storybook/addon-docs/blocks';
import { getCustomElements } from '@storybook/web-components';
import { elementsOf, readmeProse, usageOf, type Manifest } from './manifest-docs.ts';

const readmes = import.meta.glob('../../packages/components/src/*/README.md', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The README prose of the element whose module lives in `src/<folder>/`, or ''. */
function readmeFor(modulePath: string): string {
  const folder = /^src\/([^/]+)\//.exec(modulePath)?.[1];
  const entry = Object.entries(readmes).find(([path]) => path.endsWith(`/src/${folder}/README.md`));
  return entry ? readmeProse(entry[1]) : '';
}

export function DichtbijDocsPage() {
  const meta = useOf('meta');
  const tag = meta.type === 'meta' ? String(meta.preparedMeta.component ?? '') : '';
  const manifest = getCustomElements() as Manifest | undefined;
  const found = manifest ? elementsOf(manifest).get(tag) : undefined;
  if (!manifest || !found) return h(Fragment, null, h(Title), h(Description), h(Primary), h(Stories));
  const usage = usageOf(manifest, tag);
  const readme = readmeFor(found.module);
  return h(
    Fragment,
    null,
    h(Title),
    found.declaration.summary ? h(Subtitle, null, found.declaration.summary) : null,
    // The element's own JSDoc (the manifest's description), not the stories file's comment.
    found.declaration.description ? h(Markdown, null, found.declaration.description) : null,
    readme ? h(Markdown, null, readme) : null,
    h(Heading, null, 'Gebruik (HTML, React, Vue)'),
    h(Source, { code: usage.html, language: 'html', dark: true }),
    h(Source, { code: usage.react, language: 'tsx', dark: true }),
    h(Source, { code: usage.vue, language: 'html', dark: true }),
    h(Heading, null, 'Voorbeeld en API'),
    h(Primary),
    h(Controls, { sort: 'none' }),
    h(Stories, { includePrimary: false }),
  );
}
