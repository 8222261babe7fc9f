#!/usr/bin/env python3
"""unionsite's search against Pagefind 1.5 (extended, with CJK segmentation), on the same site.

    bench/search-vs-pagefind.py [--articles N] [--runs R] [--keep DIR]

Makes ../shared/bench's corpus of N articles (default 1000) plus the sample site's articles,
builds it with a release unionsite (search on, `script: as-written`, so that the corpus's
Traditional passages stay Traditional in the pages both tools index), runs
`pagefind_extended --site public` on the
built pages, and reports for both tools:
- recall on the query set below: every page whose text contains the query (folded as search
  folds it: Traditional to Simplified, width, case) should be found; a page found that does not
  contain it counts as a false hit;
- bytes fetched by a first query in a fresh browser and by a second one: the gzip size of each
  file the server sent (pages, CSS and images excluded; for a byte range, the bytes of the
  range), counted by the server so that a web worker's fetches count too;
- the index's size on disk, and the time to index: for unionsite, the clean build with search
  on against the same build with it off (medians of R alternated runs, each into an empty folder
  under TMPDIR); for Pagefind, its run.

Needs: the browser test's venv (Tests/browser/run.sh makes it) for selenium; pagefind-bin-extended
(pip) in its own venv, made here when missing under ~/.cache/unionsite/pagefind-venv.
"""
import argparse
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "browser"))
from live_reload_test import free_port, make_driver  # noqa: E402

# (query, what it tests)
QUERIES = [
    ("劳模", "two-character word"),
    ("工匠", "two-character word"),
    ("职工书屋", "four characters"),
    ("会劳", "substring across word boundaries"),
    ("业技能竞", "substring across word boundaries"),
    ("勞模", "Traditional query, Simplified text"),
    ("職工", "Traditional query, Simplified text"),
    ("劳动模范", "Simplified query, Traditional text too"),
    ("2023年", "digits and Han"),
    ("12名", "digits and Han"),
    ("ICP", "Latin letters"),
    ("陈健", "a person's name"),
    ("盱眙", "a place name"),
    ("无双", "nothing contains it"),
    ("量子计算机", "nothing contains it"),
]


def log(message):
    print(f"search-vs-pagefind: {message}", flush=True)


def pagefind_binary():
    venv = Path.home() / ".cache" / "unionsite" / "pagefind-venv"
    found = list(venv.glob("lib/python*/site-packages/pagefind_bin_extended/pagefind_extended"))
    if not found:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "pagefind-bin-extended==1.5.2"], check=True)
        found = list(venv.glob("lib/python*/site-packages/pagefind_bin_extended/pagefind_extended"))
    return found[0]


SERVED = []


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """A static host as most are: byte ranges answered, files cacheable for an hour. Each file it
    sends is noted in SERVED (path, and bytes: the range's, or else the file gzipped): what a
    browser fetched, web workers' fetches included."""

    def log_message(self, *args):
        pass

    def note(self, path, size):
        rel = urllib.parse.unquote(urllib.parse.urlparse(self.path).path)
        if not (re.search(r"\.(css|png|jpe?g|svg|webp|gif|html)$", rel) or rel.endswith("/")):
            SERVED.append((rel, size))

    def end_headers(self):
        self.send_header("Cache-Control", "public, max-age=3600")
        super().end_headers()

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d+)-(\d+)", self.headers.get("Range", ""))
        path = self.translate_path(self.path)
        if not match or not os.path.isfile(path):
            if os.path.isfile(path):
                self.note(path, len(gzip.compress(Path(path).read_bytes(), 9)))
            return super().send_head()
        data = Path(path).read_bytes()
        start, end = int(match[1]), min(int(match[2]), len(data) - 1)
        if start >= len(data):
            self.send_error(416)
            return None
        self.note(path, end - start + 1)
        self.send_response(206)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end - start + 1))
        self.end_headers()
        import io
        return io.BytesIO(data[start:end + 1])


def serve(site):
    handler = lambda *a, **k: RangeHandler(*a, directory=str(site), **k)  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def fold_table(public):
    table = {}
    for f in (public / "search" / "f").glob("*.txt"):
        s = f.read_text(encoding="utf-8")
        for i in range(0, len(s) - 1, 2):
            table[s[i]] = s[i + 1]
    return table


def folded(text, table):
    out = []
    for c in text:
        v = ord(c)
        if 0xFF01 <= v <= 0xFF5E:
            c = chr(v - 0xFEE0)
        elif v == 0x3000:
            c = " "
        out.append(table.get(c, c).lower())
    return "".join(out)


def documents(public):
    """unionsite's documents: (url, folded text), from the document table and the text packs."""
    meta = json.loads((public / "search" / "meta.json").read_text())
    table = fold_table(public)
    docs = []
    for c in range((meta["docs"] + meta["chunkSize"] - 1) // meta["chunkSize"]):
        for row in json.loads((public / "search" / "d" / f"{c}.json").read_text(encoding="utf-8")):
            pack, offset, length = row["x"]
            data = (public / "search" / "x" / f"{pack}.bin").read_bytes()[offset:offset + 2 * length]
            docs.append((row["u"], folded(data.decode("utf-16-le"), table)))
    return docs, table


def fetched_bytes():
    """What the server sent since the last call: (total, [(path, bytes)])."""
    files = list(SERVED)
    SERVED.clear()
    return sum(size for _, size in files), files


def run_unionsite(driver, base, query):
    driver.get(base + "search/?q=" + urllib.parse.quote(query))
    deadline = time.time() + 30
    while time.time() < deadline:
        if driver.execute_script("return document.getElementById('search-results').dataset.count") is not None:
            break
        time.sleep(0.05)
    return driver.execute_script("return document.getElementById('search-results').searchHits || []")


PAGEFIND_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>pagefind</title></head>
<body><script type="module">
window.run = async (q) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(q);
  const shown = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
  return {count: search.results.length, ids: search.results.map(r => r.id), shown: shown.map(d => d.url)};
};
window.urls = async (q) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(q);
  return Promise.all(search.results.map(r => r.data().then(d => d.url)));
};
</script></body></html>
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="unionsite-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    site = work / "site"
    if site.exists():
        shutil.rmtree(site)
    subprocess.run([sys.executable, str(REPO.parent / "shared" / "bench" / "gen_corpus.py"), "--articles", str(args.articles),
                    "--flavor", "unionsite", "--out", str(site)], check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(REPO / "content" / "news", site / "content" / "news" / "sample", dirs_exist_ok=True)
    # The corpus's Traditional passages stay as written: the queries test search across both
    # scripts, and Pagefind indexes the same pages.
    config = (site / "site.yml").read_text(encoding="utf-8") + "\nscript: as-written\n"
    off = site / "site-off.yml"
    off.write_text(config, encoding="utf-8")
    (site / "site.yml").write_text(config + "\nsearch: true\n", encoding="utf-8")
    subprocess.run(["swift", "build", "-c", "release", "--product", "unionsite"], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    binary = REPO / ".build" / "release" / "unionsite"
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))

    # Indexing time: the clean build with search on against off, alternated.
    times = {"on": [], "off": []}
    on_config = (site / "site.yml").read_text(encoding="utf-8")
    for _ in range(args.runs):
        for mode in ("off", "on"):
            (site / "site.yml").write_text(on_config if mode == "on" else off.read_text(encoding="utf-8"), encoding="utf-8")
            out = tmp / "unionsite-search-bench-out"
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(site / ".unionsite-cache", ignore_errors=True)
            start = time.monotonic()
            subprocess.run([str(binary), "build", "--source", str(site), "--output", str(out), "--quiet"], check=True)
            times[mode].append(time.monotonic() - start)
    (site / "site.yml").write_text(on_config, encoding="utf-8")
    public = work / "public"
    shutil.rmtree(public, ignore_errors=True)
    shutil.copytree(tmp / "unionsite-search-bench-out", public)
    on, off_ = statistics.median(times["on"]), statistics.median(times["off"])
    us_index = sum(f.stat().st_size for f in (public / "search").rglob("*") if f.is_file())

    # Pagefind indexes what a page marks with data-pagefind-body, as its guide recommends: the main
    # element of the pages that are documents (lists and the home page are not indexed).
    doc_urls = {row["u"] for c in (public / "search" / "d").glob("*.json") for row in json.loads(c.read_text(encoding="utf-8"))}
    for url in doc_urls:
        page = public / url.strip("/") / "index.html"
        if page.is_file():
            html = page.read_text(encoding="utf-8")
            page.write_text(html.replace('<main id="site-main"', '<main data-pagefind-body id="site-main"', 1), encoding="utf-8")
    start = time.monotonic()
    subprocess.run([str(pagefind_binary()), "--site", str(public)], check=True, stdout=subprocess.DEVNULL)
    pf_time = time.monotonic() - start
    pf_index = sum(f.stat().st_size for f in (public / "pagefind").rglob("*") if f.is_file())
    (public / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")

    docs, table = documents(public)
    url_of = {i: u for i, (u, _) in enumerate(docs)}
    server = serve(public)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = make_driver()
    driver.set_script_timeout(120)
    rows = []
    try:
        for q, what in QUERIES:
            fq = folded(q, table)
            truth = {u for u, text in docs if fq in text}
            us = {url_of[i] for i in run_unionsite(driver, base, q)}
            driver.get(base + "pagefind-bench.html")
            pf = set(driver.execute_async_script("const done = arguments[arguments.length - 1]; window.urls(arguments[0]).then(done);", q))
            pf = {u for u in pf if u in {d for d, _ in docs}}  # pages that are documents (not lists)
            rows.append((q, what, len(truth), len(us & truth), len(us - truth), len(pf & truth), len(pf - truth)))

        # Bytes: a first query in a fresh browser, then a second.
        driver.quit()
        driver = make_driver()
        fetched_bytes()
        driver.get(base + "search/?q=" + urllib.parse.quote("劳模"))
        time.sleep(2)
        us_first = fetched_bytes()
        driver.get(base + "search/?q=" + urllib.parse.quote("职工书屋"))
        time.sleep(2)
        us_second = fetched_bytes()
        driver.quit()
        driver = make_driver()
        driver.set_script_timeout(120)
        driver.get(base + "pagefind-bench.html")
        fetched_bytes()
        driver.execute_async_script("const done = arguments[arguments.length - 1]; window.run(arguments[0]).then(done);", "劳模")
        pf_first = fetched_bytes()
        driver.execute_async_script("const done = arguments[arguments.length - 1]; window.run(arguments[0]).then(done);", "职工书屋")
        pf_second = fetched_bytes()
    finally:
        driver.quit()
        server.shutdown()

    print(f"\n{args.articles} articles + the sample's, {len(docs)} documents\n")
    print("| query | tests | pages with it | unionsite found | false | Pagefind found | false |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for q, what, t, uf, ux, pf_, px in rows:
        print(f"| {q} | {what} | {t} | {uf} | {ux} | {pf_} | {px} |")
    print()
    print("| | unionsite | Pagefind |")
    print("|---|---:|---:|")
    print(f"| first query fetched (gzip) | {us_first[0] / 1024:.1f} KB | {pf_first[0] / 1024:.1f} KB |")
    print(f"| second query fetched (gzip) | {us_second[0] / 1024:.1f} KB | {pf_second[0] / 1024:.1f} KB |")
    print(f"| index on disk | {us_index / 1e6:.1f} MB | {pf_index / 1e6:.1f} MB |")
    print(f"| indexing | {on - off_:.2f} s (clean build {on:.2f} s with search, {off_:.2f} s without: +{(on / off_ - 1) * 100:.0f}%) | {pf_time:.2f} s |")
    print("\nfiles of the first query:")
    for tool, (_, files) in (("unionsite", us_first), ("Pagefind", pf_first)):
        print(f"  {tool}: " + ", ".join(f"{p} {s}" for p, s in files))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
