// The React 19 and Vue 3 declarations generated from the custom-elements manifest
// (types/react.d.ts, types/vue.d.ts) are correct: small consumer snippets compile against them
// with the TypeScript compiler, a correct use with 0 errors, a wrong one (a property of the wrong
// type, an unknown value, a handler for the wrong detail) with exactly the expected error.
// The fast in-repo check; the consumer tests do the same in real create-vite apps.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { analyze } from './manifest-helpers.ts';

const { dir } = analyze();
const react = join(dir, 'types/react.d.ts');
const vue = join(dir, 'types/vue.d.ts');
const snippets = join(dir, 'snippets');
mkdirSync(snippets, { recursive: true });

// What a stock create-vite react-ts / vue-ts app uses (tsconfig.app.json), plus what the
// repository's TypeScript sources need to be read at all (they are not what is checked).
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  jsx: ts.JsxEmit.ReactJSX,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
  allowImportingTsExtensions: true,
  experimentalDecorators: true,
  useDefineForClassFields: false,
};

/** Compiles the declaration file and the snippets together; returns the errors per snippet. */
function compile(declarations: string, files: Record<string, string>): Map<string, ts.Diagnostic[]> {
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(snippets, name);
    writeFileSync(path, text);
    return path;
  });
  const program = ts.createProgram([declarations, ...paths], options);
  const result = new Map<string, ts.Diagnostic[]>();
  for (const path of paths) {
    const source = program.getSourceFile(path);
    assert.ok(source, `${path} is in the program`);
    result.set(path.slice(snippets.length + 1), [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]);
  }
  // The generated file itself must be free of errors too.
  const own = program.getSourceFile(declarations);
  assert.ok(own);
  assert.deepEqual(program.getSemanticDiagnostics(own).map(message), [], `${declarations} has no errors`);
  return result;
}

const message = (d: ts.Diagnostic) => ts.flattenDiagnosticMessageText(d.messageText, '\n');

function expectErrors(found: Map<string, ts.Diagnostic[]>, name: string, pattern?: RegExp): void {
  const errors = found.get(name) ?? [];
  if (!pattern) {
    assert.deepEqual(errors.map(message), [], `${name} compiles`);
    return;
  }
  assert.equal(errors.length, 1, `${name}: one error, got ${errors.map(message).join(' | ') || 'none'}`);
  assert.match(message(errors[0]!), pattern, name);
}

test('the React declaration augments React 19 JSX for every element', () => {
  const text = readFileSync(react, 'utf8');
  assert.match(text, /declare module 'react' \{\s*namespace JSX \{\s*interface IntrinsicElements \{/);
  for (const tag of ['config', 'feedback', 'bel-me', 'status-tracker', 'chat-launcher'])
    assert.match(text, new RegExp(`'dichtbij-${tag}': Dichtbij[A-Za-z]+Props;`));
  // Imports go through the package's public subpaths, so they work from the published package.
  for (const m of text.matchAll(/from '([^']+)'/g))
    assert.match(m[1]!, /^(react|@dichtbij\/components(\/[a-z-]+\/class)?)$/);
});

test('React 19: correct JSX compiles, wrong property types and handlers do not', () => {
  const head = `import type { DichtbijFeedback } from '@dichtbij/components/feedback/class';\nimport { useRef } from 'react';\n`;
  const found = compile(react, {
    'ok.tsx': `${head}
export function App() {
  const ref = useRef<DichtbijFeedback>(null);
  return (
    <dichtbij-config api="https://dichtbij.gemeente.nl" locale="nl" theme="west-betuwe">
      <dichtbij-feedback
        ref={ref}
        variant="score"
        channel="telefoon"
        heading-level={3}
        keep-params="id L"
        className="feedback"
        style={{ marginBlock: '1rem' }}
        onClick={(e) => e.preventDefault()}
        ondichtbij-submitted={(e) => {
          const result: 'sent' | 'queued' = e.detail.result;
          return [result, e.detail.id];
        }}
        ondichtbij-error={(e) => e.detail.code.toUpperCase()}
        ondichtbij-handoff={(e) => e.detail.to}
      />
      <dichtbij-bel-me inline topic="afval" label="Bel mij" ondichtbij-open={(e) => e.type} />
      <dichtbij-status-tracker reference="Z-1" check="4191 AB" poll={60} mine={false} />
      <dichtbij-chat-launcher position="start" z-index={10} agent-timeout={60} live ondichtbij-unread={(e) => e.detail.count.toFixed()}>
        Chat
      </dichtbij-chat-launcher>
    </dichtbij-config>
  );
}
`,
    'heading-level.tsx': `${head}export const a = <dichtbij-feedback heading-level="drie" />;\n`,
    'variant.tsx': `${head}export const a = <dichtbij-feedback variant="stars" />;\n`,
    'detail.tsx': `${head}export const a = <dichtbij-feedback ondichtbij-submitted={(e) => e.detail.nope} />;\n`,
    'handler.tsx': `${head}export const a = <dichtbij-bel-me ondichtbij-error={(e: CustomEvent<number>) => e.detail} />;\n`,
    'position.tsx': `${head}export const a = <dichtbij-chat-launcher position="left" />;\n`,
    'readonly.tsx': `${head}export const a = <dichtbij-chat-launcher isOpen />;\n`,
  });
  expectErrors(found, 'ok.tsx');
  expectErrors(found, 'heading-level.tsx', /'string' is not assignable to type 'number'/);
  expectErrors(found, 'variant.tsx', /"stars"' is not assignable to type 'Variant \| undefined'/);
  expectErrors(found, 'detail.tsx', /Property .nope. does not exist on type .SubmittedDetail./);
  expectErrors(found, 'handler.tsx', /CustomEvent<number>/);
  expectErrors(found, 'position.tsx', /"left"' is not assignable/);
  expectErrors(found, 'readonly.tsx', /isOpen/);
});

test('Vue 3: GlobalComponents types props and handlers; wrong ones fail', () => {
  const head = `import type { GlobalComponents } from 'vue';
type Props<K extends keyof GlobalComponents> = InstanceType<GlobalComponents[K]>['$props'];
`;
  const found = compile(vue, {
    'ok.ts': `${head}
export const feedback: Props<'dichtbij-feedback'> = {
  variant: 'score',
  headingLevel: 3,
  keepParams: 'id',
  onDichtbijSubmitted: (e) => {
    const result: 'sent' | 'queued' = e.detail.result;
    return result;
  },
  onDichtbijHandoff: (e) => e.detail.to,
};
export const launcher: Props<'dichtbij-chat-launcher'> = { position: 'end', zIndex: 5, onDichtbijUnread: (e) => e.detail.count };
export const tracker: Props<'dichtbij-status-tracker'> = { reference: 'Z-1', poll: 60, loginUrl: '/inloggen' };
export const config: Props<'dichtbij-config'> = { api: '/', onDichtbijError: (e) => e.detail.message };
export const belMe: Props<'dichtbij-bel-me'> = { inline: true, onDichtbijClose: (e) => e.type };
`,
    'heading-level.ts': `${head}export const a: Props<'dichtbij-feedback'> = { headingLevel: 'drie' };\n`,
    'variant.ts': `${head}export const a: Props<'dichtbij-feedback'> = { variant: 'stars' };\n`,
    'handler.ts': `${head}export const a: Props<'dichtbij-feedback'> = { onDichtbijSubmitted: (e: CustomEvent<number>) => e.detail };\n`,
    'unknown.ts': `${head}export const a: Props<'dichtbij-bel-me'> = { telephone: '0612345678' };\n`,
  });
  expectErrors(found, 'ok.ts');
  expectErrors(found, 'heading-level.ts', /'string' is not assignable to type 'number'/);
  expectErrors(found, 'variant.ts', /"stars"' is not assignable to type 'Variant \| undefined'/);
  expectErrors(found, 'handler.ts', /CustomEvent<number>/);
  expectErrors(found, 'unknown.ts', /telephone/);
});
