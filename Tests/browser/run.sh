#!/usr/bin/env bash
# Runs the browser tests: installs what they need when missing (Debian's chromium,
# chromium-driver and a CJK font; selenium and axe-playwright-python's axe.min.js from PyPI in a
# venv kept outside the work tree), then Tests/browser/axe_test.py on the sample site (built with
# .build/debug/unionsite) and on it with photos (Tests/photos/photo_site.py),
# Tests/browser/live_reload_test.py and Tests/browser/search_test.py.
# Arguments go to the live reload test (e.g. --binary PATH).
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
for pkg in chromium chromium-driver fonts-wqy-microhei; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
python3 -c "import ensurepip" 2>/dev/null || missing+=(python3-venv)
if ((${#missing[@]})); then
    echo "browser test: installing ${missing[*]}" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv="${UNIONSITE_BROWSER_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/unionsite/browser-venv}"
if ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
    echo "browser test: creating $venv with selenium" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "selenium>=4.20,<5"
fi
if ! "$venv/bin/python" -c "import axe_playwright_python" 2>/dev/null; then
    # Only for its axe.min.js (axe-core 4.x): playwright itself is not needed.
    "$venv/bin/pip" install -q --disable-pip-version-check --no-deps "axe-playwright-python>=0.1.4"
fi
# Selenium must use Debian's driver and never try to download one.
export SE_OFFLINE=true
# Every kind of page of the sample site, at desktop and phone width, against WCAG 2.1 A/AA.
sample="$(mktemp -d)"
trap 'rm -rf "$sample"' EXIT
[ -x .build/debug/unionsite ] || swift build --product unionsite
.build/debug/unionsite build --quiet --output "$sample/public"
"$venv/bin/python" Tests/browser/axe_test.py --site "$sample/public" ${UNIONSITE_SHOTS:+--shots "$UNIONSITE_SHOTS"}
# The same with phone photos in it: covers on the home page and lists, photos in articles.
"$venv/bin/python" -c "import PIL" 2>/dev/null || "$venv/bin/pip" install -q --disable-pip-version-check pillow
"$venv/bin/python" Tests/photos/photo_site.py make . "$sample/photos"
.build/debug/unionsite build --quiet --future --source "$sample/photos" --output "$sample/photos/public"
"$venv/bin/python" Tests/browser/axe_test.py --site "$sample/photos/public" ${UNIONSITE_SHOTS:+--shots "$UNIONSITE_SHOTS/photos"}
"$venv/bin/python" Tests/browser/live_reload_test.py "$@"
# Search: a query typed into the header's box, its results, and axe on them.
"$venv/bin/python" Tests/browser/search_test.py --binary .build/debug/unionsite
