#!/usr/bin/env bash
# The whole test suite: installs what the tests need, then type checks, lints and runs
# every test. This is the README's test command (`npm test`) and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests need: installed when apt-get is there and we are root.
apt_install() {
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "test: installing $* (Debian packages)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "test: please install $* (e.g. sudo apt-get install $*)" >&2
  fi
}

command -v tshark >/dev/null 2>&1 || apt_install tshark

[ -d node_modules ] || npm ci --no-audit --no-fund

# The e2e tests need a Chromium: Playwright's own build when it is installed
# (`npx playwright install chromium`), else Debian's /usr/bin/chromium (see playwright.config.ts).
if [ ! -x /usr/bin/chromium ] &&
  ! node -e "process.exit(require('fs').existsSync(require('playwright-core').chromium.executablePath()) ? 0 : 1)"; then
  apt_install chromium
fi

echo "== typecheck"
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p sim-core/tsconfig.json   # sim-core: no DOM, no Node types
npx tsc --noEmit -p scripts/bench-ui/tsconfig.json
echo "== lint"
npx biome ci .
echo "== unit, property and fuzz tests"
npx vitest run
echo "== end-to-end tests (sim-core in Node and in a Chromium worker)"
npx playwright test
