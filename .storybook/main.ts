import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const themesDir = join(root, 'packages/themes');
const componentsDir = join(root, 'packages/components');

// The theme switcher needs the built theme CSS; build it when missing (a fresh clone).
if (!existsSync(join(themesDir, 'dist/all.css'))) {
  execFileSync(process.execPath, ['build.mjs'], { cwd: themesDir, stdio: 'inherit' });
}
// The docs pages read the manifest the components build writes; analyse when it is missing.
if (!existsSync(join(componentsDir, 'custom-elements.json'))) {
  execFileSync('pnpm', ['run', '--silent', 'analyze'], { cwd: componentsDir, stdio: 'inherit' });
}

// The NL DS voorbeeld theme is a dependency of @dichtbij/themes, not of the repo root.
const nldsDir = dirname(
  createRequire(join(themesDir, 'package.json')).resolve(
    '@nl-design-system-unstable/voorbeeld-design-tokens/package.json',
  ),
);

type ServerChannel = {
  listeners?(event: string): ((...args: unknown[]) => void)[];
  off(event: string, listener: (...args: unknown[]) => void): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
};

const config: StorybookConfig & { experimental_serverChannel?: (channel: ServerChannel) => Promise<ServerChannel> } = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  core: {
    disableTelemetry: true,
    enableCrashReports: false,
    disableWhatsNewNotifications: true,
    disableProjectJson: true,
  },
  // Nothing phones home: the dev server would fetch storybook.js.org/whats-new for the manager even with
  // notifications off, so answer that request locally. (The version check is off with --no-version-updates.)
  experimental_serverChannel: async (channel) => {
    for (const listener of channel.listeners?.('requestWhatsNewData') ?? [])
      channel.off('requestWhatsNewData', listener);
    channel.on('requestWhatsNewData', () => channel.emit('resultWhatsNewData', { data: { status: 'ERROR' } }));
    return channel;
  },
  async viteFinal(viteConfig) {
    const alias = viteConfig.resolve?.alias;
    const extra = [{ find: /^@nl-design-system-unstable\/voorbeeld-design-tokens/, replacement: nldsDir }];
    return {
      ...viteConfig,
      resolve: {
        ...viteConfig.resolve,
        // Stories run the packages from source (see the '@dichtbij/source' export condition).
        conditions: ['@dichtbij/source', ...defaultClientConditions],
        alias: Array.isArray(alias)
          ? [...alias, ...extra]
          : [
              ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) })),
              ...extra,
            ],
      },
      build: { ...viteConfig.build, chunkSizeWarningLimit: 2048 },
    };
  },
};

export default config;
