#!/usr/bin/env bash
# Builds unionsite (release) and the sample site into public/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product unionsite
.build/release/unionsite build "$@"
