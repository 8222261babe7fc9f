#!/usr/bin/env python3
"""Accessibility of every kind of page, in a real browser: axe-core 4.x (the axe.min.js that the
axe-playwright-python package ships) run in headless Chromium on one page of each kind of a built
site, at desktop and phone width, against the WCAG 2.1 A and AA rules. Any violation fails.

    python3 Tests/browser/axe_test.py --site PUBLIC [--shots DIR]

The site is served from 127.0.0.1 on a free port. --shots keeps a screenshot of each page at each
width (for looking at what was checked). Run by Tests/browser/run.sh on the sample site.
"""
import argparse
import functools
import http.server
import importlib.util
import sys
import threading
from pathlib import Path

from live_reload_test import free_port, make_driver

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# One page of each kind, by the first file that matches (the default theme's URLs).
KINDS = [
    ("home", "index.html"),
    ("home page 2", "page/2/index.html"),
    ("article with a table and footnotes", "news/zhua-shi-liu-xiang-ju-cuo-tui-dong-gong-hui-gong-zuo-gao-zhi-liang-fa-zhan/index.html"),
    ("article", "news/*/index.html"),
    ("column", "columns/*/index.html"),
    ("all tags", "tags/index.html"),
    ("tag", "tags/*/index.html"),
    ("honor roll", "honors/index.html"),
    ("honor", "honors/*/index.html"),
    ("honor year", "honors/years/*/index.html"),
    ("honoree", "honorees/*/index.html"),
    ("standalone page", "*/index.html"),
    ("not found", "404.html"),
    ("search", "search/index.html"),
]
# The same kinds in the Traditional mirror (site.yml `traditional:`), when the site has one.
KINDS += [("mirror " + kind, "zh-hant/" + pattern) for kind, pattern in KINDS]


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("axe test: axe-playwright-python is not installed (pip install --no-deps axe-playwright-python)")
    found = sorted(Path(spec.submodule_search_locations[0]).rglob("axe.min.js"))
    if not found:
        raise SystemExit("axe test: axe.min.js not found in axe-playwright-python")
    return found[0].read_text(encoding="utf-8")


def pages(site):
    chosen, seen = [], set()
    standalone_skip = {"news", "columns", "tags", "honors", "honorees", "page", "assets", "search", "zh-hant"}
    for kind, pattern in KINDS:
        for path in sorted(site.glob(pattern)):
            rel = path.relative_to(site).as_posix()
            first = rel.removeprefix("zh-hant/").split("/")[0]
            if kind.endswith("standalone page") and first in standalone_skip:
                continue
            if rel not in seen:
                seen.add(rel)
                chosen.append((kind, rel))
                break
    # A site with photos (Tests/photos/photo_site.py): an article that shows them too.
    for path in sorted(site.glob("news/*/index.html")):
        if "<picture>" in path.read_text(encoding="utf-8"):
            rel = path.relative_to(site).as_posix()
            if rel not in seen:
                chosen.append(("article with photos", rel))
            break
    return chosen


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", required=True, type=Path)
    ap.add_argument("--shots", type=Path)
    args = ap.parse_args()
    site = args.site.resolve()
    source = axe_source()
    chosen = pages(site)
    if len(chosen) < 8:
        raise SystemExit(f"axe test: only {len(chosen)} kinds of page found in {site}")
    if args.shots:
        args.shots.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = make_driver()
    driver.set_script_timeout(60)
    failures = 0
    try:
        for width_name, (width, height) in WIDTHS.items():
            driver.set_window_size(width, height)
            for kind, rel in chosen:
                url = base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
                driver.get(url)
                driver.execute_script(source)
                result = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
                    ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact,"
                    " help: v.help, targets: v.nodes.map(n => n.target.join(' '))}))}), e => done({error: String(e)}));",
                    RULES)
                if "error" in result:
                    raise SystemExit(f"axe test: axe failed on {url}: {result['error']}")
                violations = result["violations"]
                status = "ok" if not violations else f"{len(violations)} violation(s)"
                print(f"axe test: {width_name:7} {kind:36} /{rel}: {status}", flush=True)
                for v in violations:
                    failures += 1
                    print(f"    {v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'][:5])}", flush=True)
                if args.shots:
                    # The window's height counts the browser's own bars: add them, or the shot
                    # stops short of the footer.
                    total, bars = driver.execute_script(
                        "return [document.documentElement.scrollHeight, window.outerHeight - window.innerHeight]")
                    driver.set_window_size(width, min(max(height, total + bars), 6000))
                    name = kind.replace(" ", "-")
                    driver.save_screenshot(str(args.shots / f"{name}-{width_name}.png"))
                    driver.set_window_size(width, height)
    finally:
        driver.quit()
        server.shutdown()
    print(f"axe test: {len(chosen)} kinds of page at {len(WIDTHS)} widths, {failures} violation(s) of WCAG 2.1 A/AA")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
