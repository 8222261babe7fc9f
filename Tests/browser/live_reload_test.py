#!/usr/bin/env python3
"""Live reload in a real browser (headless Chromium through Debian's chromium-driver).

Builds unionsite, copies the repository's sample site to a temporary folder, starts
`unionsite serve --port <free>`, opens an article, then, without reloading by hand:
  1. edits the article's title on disk and waits until the page shows the new title;
  2. breaks the article's front matter and waits for the error overlay;
  3. opens the page anew while the build is failing: the overlay is there from the start;
  4. fixes the front matter and waits until the overlay is gone and the page is current;
and stops the server with SIGINT. Prints the time from save to reloaded page.

Run by Tests/browser/run.sh (which installs Chromium and selenium); by hand:
    python3 Tests/browser/live_reload_test.py [--binary .build/debug/unionsite]
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
ARTICLE = Path("content/news/2023/xuyi-six-measures.md")
SLUG = "browser-live-reload"
OVERLAY = "__unionsite-overlay"
WAIT = 10  # seconds the page may take to follow a save

def log(message):
    print(f"browser test: {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_unionsite():
    log("building unionsite")
    subprocess.run(["swift", "build", "--product", "unionsite"], cwd=REPO, check=True)
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=REPO, check=True, capture_output=True, text=True)
    return Path(out.stdout.strip()) / "unionsite"


def copy_site(source, dest):
    shutil.copy(source / "site.yml", dest / "site.yml")
    shutil.copytree(source / "content", dest / "content")
    # The site's own templates (over the built-in theme), when it has any.
    if (source / "templates").is_dir():
        shutil.copytree(source / "templates", dest / "templates")
    # A fixed slug, so the URL stays when the title changes (slugs come from titles).
    article = dest / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("---\n", f"---\nslug: {SLUG}\n", 1), encoding="utf-8")


class Server:
    """`unionsite serve` in the background, its output collected."""

    def __init__(self, binary, site, port):
        self.lines = []
        self.proc = subprocess.Popen([str(binary), "serve", "--source", str(site), "--port", str(port)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            print(f"  serve| {line.rstrip()}", flush=True)

    def wait_for_line(self, pattern, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if any(re.search(pattern, line) for line in self.lines):
                return
            if self.proc.poll() is not None:
                raise SystemExit(f"unionsite serve exited with {self.proc.returncode}")
            time.sleep(0.05)
        raise SystemExit(f"unionsite serve printed no line matching {pattern!r} in {timeout} s")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                return self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                raise SystemExit("unionsite serve did not stop within 10 s of SIGINT")
        return self.proc.returncode


def make_driver():
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,900"):
        options.add_argument(arg)
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def set_front_matter_line(path, key, line):
    text = path.read_text(encoding="utf-8")
    new = re.sub(rf"(?m)^{key}\b.*$", line, text, count=1)
    assert new != text, f"no `{key}` line in {path}"
    path.write_text(new, encoding="utf-8")
    return time.time()


# Read in one script call each: element references go stale while the page reloads.
def overlay_text(driver):
    return driver.execute_script(
        f"var b = document.getElementById('{OVERLAY}'); return b && b.getClientRects().length > 0 ? b.innerText : null;")


def body_text(driver):
    return driver.execute_script("return document.body ? document.body.innerText : '';") or ""


def heading_text(driver):
    return driver.execute_script("var h = document.querySelector('h1'); return h ? h.innerText : '';") or ""


def wait(driver, condition, what):
    try:
        return WebDriverWait(driver, WAIT, poll_frequency=0.02, ignored_exceptions=(WebDriverException,)).until(condition)
    except TimeoutException:
        raise SystemExit(f"FAIL: {what} within {WAIT} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", help="a built unionsite (default: swift build)")
    parser.add_argument("--site", default=str(REPO), help="the site to copy (default: the repository's sample site)")
    args = parser.parse_args()
    binary = Path(args.binary).resolve() if args.binary else build_unionsite()

    with tempfile.TemporaryDirectory(prefix="unionsite-browser-") as tmp:
        site = Path(tmp)
        copy_site(Path(args.site), site)
        port = free_port()
        server = Server(binary, site, port)
        driver = None
        try:
            server.wait_for_line(r"^serving http://")
            if not any(l.startswith("built ") for l in server.lines):
                raise SystemExit("FAIL: the sample site did not build")
            url = f"http://127.0.0.1:{port}/news/{SLUG}/"
            driver = make_driver()
            driver.get(url)
            title = re.search(r"(?m)^title: (.*)$", (site / ARTICLE).read_text(encoding="utf-8")).group(1)
            assert title in body_text(driver), "the article page does not show its title"
            on_disk = (site / "public/news" / SLUG / "index.html").read_text(encoding="utf-8")
            assert "unionsite-live-reload" not in on_disk and "unionsite-live-reload" in driver.page_source
            log(f"opened {url}")

            # 1. Edit the title: the page follows by itself.
            driver.execute_script("window.__notReloaded = true")
            new_title = f"抓实六项举措（改于 {time.strftime('%H:%M:%S')}）"
            saved = set_front_matter_line(site / ARTICLE, "title", f"title: {new_title}")
            wait(driver, lambda d: new_title in body_text(d), "the new title did not appear")
            seen = time.time()
            assert driver.execute_script("return window.__notReloaded === undefined"), "the page changed without a reload?"
            loaded = driver.execute_script(
                "var n = performance.getEntriesByType('navigation')[0];"
                "return (performance.timeOrigin + (n.loadEventEnd || n.domContentLoadedEventEnd)) / 1000;")
            log(f"title edit: save → reloaded page {loaded - saved:.3f} s (load event); "
                f"save → new title seen by the test {seen - saved:.3f} s")

            # 2. Break the front matter: the overlay shows the located error over the last good page.
            set_front_matter_line(site / ARTICLE, "title", f"title {new_title}")
            text = wait(driver, overlay_text, "the error overlay did not appear")
            assert f"{ARTICLE}:" in text, f"the overlay does not name the file: {text!r}"
            assert new_title in heading_text(driver), "the last good page is not shown"
            located = next(line for line in text.splitlines() if f"{ARTICLE}:" in line)
            log(f"broken front matter: the overlay shows `{located}`")

            # 3. A tab opened while the build is failing sees the overlay at once.
            driver.get(url)
            assert overlay_text(driver), "a page opened during a failing build has no overlay"

            # 4. Fix it: the overlay goes, the page is current.
            final_title = new_title + "（已修好）"
            fixed = set_front_matter_line(site / ARTICLE, "title", f"title: {final_title}")
            wait(driver, lambda d: overlay_text(d) is None and final_title in body_text(d),
                 "the overlay did not go away after the fix")
            log(f"fixed: overlay gone, new title shown {time.time() - fixed:.3f} s after the save")
        finally:
            if driver:
                driver.quit()
            code = server.stop()
        if code != 0 or "stopped" not in server.lines:
            raise SystemExit(f"FAIL: unionsite serve exited with {code} after SIGINT, output: {server.lines[-3:]}")
        log("passed")


if __name__ == "__main__":
    sys.exit(main())
