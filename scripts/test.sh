#!/usr/bin/env bash
# Runs every test: unit and integration tests (swift test), including the Liquid
# conformance suite from ../shared/conformance/golden-liquid; the sample site through the HTML
# checker and a link checker (scripts/check-site.sh), and again with photos in it
# (Tests/photos/photo_site.py); interrupted builds
# (Tests/interrupt/interrupt_test.py); then the live reload test in
# headless Chromium (Tests/browser/run.sh installs Chromium and selenium when missing;
# UNIONSITE_SKIP_BROWSER=1 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The preview server's tests run on their own: beside the synchronous site builds of the other
# tests, which hold the cooperative pool's threads (as many as the cores) for seconds at a time,
# a server waiting for a thread to start could time out on a 2-core machine.
swift test --skip ServeTests
swift test --skip-build --filter ServeTests
# The sample site, built as the README's first command builds it (into a temporary folder),
# must pass the Nu HTML Checker, be well-formed XML where it is XML, and have no broken link.
sample="$(mktemp -d)"
trap 'rm -rf "$sample"' EXIT
swift build --product unionsite
.build/debug/unionsite build --quiet --output "$sample/public"
scripts/check-site.sh "$sample/public"
# The sample with phone photos in it (covers, body photos turned by their EXIF, a PNG chart,
# honorees' photos): nothing published keeps the camera or the GPS position, and its pages pass
# the same checks. Tests/browser/run.sh runs axe on it.
.venv-check/bin/python Tests/photos/photo_site.py make . "$sample/photos"
.build/debug/unionsite build --quiet --future --source "$sample/photos" --output "$sample/photos/public"
.venv-check/bin/python Tests/photos/photo_site.py verify "$sample/photos/public"
scripts/check-site.sh "$sample/photos/public"
# Builds interrupted by SIGINT/SIGTERM leave the old site or the new one, never a mix.
python3 Tests/interrupt/interrupt_test.py .build/debug/unionsite 300
# A full disk fails the build and leaves the last good site as it was.
Tests/interrupt/full_disk_test.sh .build/debug/unionsite
if [ "${UNIONSITE_SKIP_BROWSER:-}" != 1 ]; then
    Tests/browser/run.sh
fi
