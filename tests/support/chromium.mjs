// Debian's Chromium, never a downloaded browser, with the flags this machine needs: no
// sandbox (root), no GPU, and no background traffic (the network is closed). One place for
// the test runner, the e2e tests and the benchmarks.
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
