#!/usr/bin/env bash
# Builds every package (themes, sdk, components with dist/cdn, gateway) when a source file is
# newer than its output; safe to run again. FORCE_BUILD=1 builds anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.dichtbij-build-stamp
if [ "${FORCE_BUILD:-0}" != 1 ] && [ -f "$stamp" ] && [ -f packages/components/dist/cdn/dichtbij.js ] && [ -f packages/gateway/dist/cli.js ] &&
  [ -z "$(find packages -path '*/node_modules' -prune -o -path '*/dist' -prune -o -type f -newer "$stamp" -print -quit)" ]; then
  echo "› packages are built (FORCE_BUILD=1 to build again)"
  exit 0
fi
# The build makes the published shape: never the '@dichtbij/source' condition that the test runner
# sets for the repository's own tests (cdn.mjs imports the compiled dist/*.js in Node).
NODE_OPTIONS="$(printf '%s' "${NODE_OPTIONS:-}" | sed 's/--conditions=@dichtbij\/source//g')"
export NODE_OPTIONS
echo "› building the packages (pnpm -r build)"
pnpm -r --filter './packages/**' run build
touch "$stamp"
