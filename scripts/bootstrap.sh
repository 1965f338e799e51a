#!/usr/bin/env bash
# Installs what the demo and the tests need, and nothing twice: pnpm, the workspace's
# dependencies, Debian's chromium (never a downloaded browser). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "› installing pnpm $PNPM_VERSION with npm"
  npm install -g "pnpm@$PNPM_VERSION" --silent --no-fund --no-audit
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    as_root apt-get update -qq >/dev/null 2>&1 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1
  }
}
if [ ! -x /usr/bin/chromium ]; then
  echo "› installing Debian's chromium"
  apt_install chromium || { echo "✗ could not install chromium (apt-get install chromium as root)"; exit 1; }
fi
if [ "${DICHTBIJ_WITH_POSTGRES:-0}" = 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "› installing Debian's postgresql (for the PostgreSQL store tests)"
  apt_install postgresql || echo "! postgresql not installed: the PostgreSQL store tests will be skipped"
fi

if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ] || [ "${CI:-}" = true ]; then
  echo "› installing dependencies (pnpm install)"
  pnpm install --frozen-lockfile --reporter=silent
fi
