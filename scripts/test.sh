#!/usr/bin/env bash
# Runs every test: unit and integration tests (swift test), including the Liquid
# conformance suite from ../shared/conformance/golden-liquid.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift test
