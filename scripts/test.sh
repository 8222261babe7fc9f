#!/usr/bin/env bash
# Runs every test: unit and integration tests (swift test), including the Liquid
# conformance suite from ../shared/conformance/golden-liquid, then the live reload test in
# headless Chromium (Tests/browser/run.sh installs Chromium and selenium when missing;
# UNIONSITE_SKIP_BROWSER=1 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift test
if [ "${UNIONSITE_SKIP_BROWSER:-}" != 1 ]; then
    Tests/browser/run.sh
fi
