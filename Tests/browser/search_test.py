#!/usr/bin/env python3
"""Search in a real browser: a reader types a query into the header's search box of the sample
site under `unionsite serve`, and the search page lists the results (docs/TEMPLATES.md, "The
search page"). Checks:
- the count in data-count;
- one link per result, each to a page that exists;
- the query highlighted in the snippets;
- Traditional and Simplified queries alike;
- 0 for a query no page contains;
- single characters searched in titles;
- the Traditional mirror's search (/zh-hant/search/): its own index, results in Traditional
  characters linking within the mirror, and its messages;
- axe-core's WCAG 2.1 A/AA rules on the results, at desktop and phone width.

    python3 Tests/browser/search_test.py [--binary PATH]

Run by Tests/browser/run.sh.
"""
import argparse
import shutil
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from axe_test import RULES, WIDTHS, axe_source
from live_reload_test import REPO, Server, build_unionsite, free_port, log, make_driver


def fail(message):
    raise SystemExit(f"search test: FAILED: {message}")


def results(driver, timeout=20):
    """The results once data-count is set: (count, [(href, title, snippet, marked)])."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        count = driver.execute_script("return document.getElementById('search-results').dataset.count")
        if count is not None:
            rows = driver.execute_script(
                "return [...document.querySelectorAll('#search-results > li')].map(li => ["
                "li.querySelector('a[href]').getAttribute('href'), li.querySelector('a[href]').textContent,"
                "(li.querySelector('.search-result-snippet') || {}).textContent || '',"
                "[...li.querySelectorAll('mark')].map(m => m.textContent)])")
            return int(count), rows
        time.sleep(0.05)
    fail(f"data-count was not set within {timeout} s on {driver.current_url}")


def search(driver, base, query):
    driver.get(base + "search/?q=" + urllib.parse.quote(query))
    return results(driver)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", help="a built unionsite (default: swift build)")
    args = parser.parse_args()
    binary = Path(args.binary).resolve() if args.binary else build_unionsite()
    with tempfile.TemporaryDirectory(prefix="unionsite-search-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        shutil.copy(REPO / "site.yml", site / "site.yml")
        for folder in ("content", "templates", "data"):
            if (REPO / folder).is_dir():
                shutil.copytree(REPO / folder, site / folder)
        if "search: true" not in (site / "site.yml").read_text(encoding="utf-8"):
            fail("the sample site's site.yml does not turn search on")
        port = free_port()
        server = Server(binary, site, port)
        driver = None
        try:
            server.wait_for_line(r"^serving ")
            base = f"http://127.0.0.1:{port}/"
            driver = make_driver()

            # A reader types into the header's box on the home page and presses Enter.
            driver.get(base)
            box = driver.find_element(By.CSS_SELECTOR, "form[role=search] input[name=q]")
            box.send_keys("劳模", Keys.ENTER)
            count, rows = results(driver)
            if "/search/?q=" not in driver.current_url:
                fail(f"the header's form went to {driver.current_url}")
            log(f"劳模: {count} results; first: {rows[0][1] if rows else '-'}")
            if count < 3 or len(rows) != min(count, 10):
                fail(f"劳模: {count} counted, {len(rows)} listed")
            for href, title, snippet, marked in rows:
                with urllib.request.urlopen(urllib.parse.urljoin(base, urllib.parse.quote(href))) as r:
                    if r.status != 200:
                        fail(f"{href}: {r.status}")
            if not any(m in ("劳模", "勞模") for row in rows for m in row[3]):
                fail("no result highlights 劳模")
            status = driver.find_element(By.ID, "search-status").text
            if str(count) not in status:
                fail(f"the status says {status!r}, not the count {count}")
            # A snippet is the text around the hit, fetched by byte range: the first result's
            # shows the query.
            if not any("劳模" in s or "勞模" in s for _, _, s, _ in rows[:3]):
                fail("the first results' snippets do not show the query")

            # Traditional and Simplified alike; a two-character word; nothing for what no page has.
            traditional, _ = search(driver, base, "勞模")
            if traditional != count:
                fail(f"勞模 found {traditional}, 劳模 {count}")
            none, rows = search(driver, base, "无双")
            if none != 0 or rows:
                fail(f"无双 found {none}")
            if "没有找到" not in driver.find_element(By.ID, "search-status").text:
                fail("no message for a search that found nothing")
            # One character: titles only.
            one, rows = search(driver, base, "工")
            if one == 0 or not all("工" in title for _, title, _, _ in rows):
                fail(f"工 found {one}, titles {[t for _, t, _, _ in rows][:5]}")
            log(f"勞模: {traditional}; 无双: {none}; 工: {one}")

            # The mirror's search: as many results, each a mirror page with a Traditional title.
            mirrored, rows = search(driver, base + "zh-hant/", "劳模")
            if mirrored != count or not rows:
                fail(f"劳模 in the mirror found {mirrored}, {count} on the main site")
            outside = [href for href, _, _, _ in rows if not href.startswith("/zh-hant/")]
            if outside:
                fail(f"mirror results outside the mirror: {outside[:3]}")
            if not any("勞" in title or "會" in title for _, title, _, _ in rows):
                fail(f"mirror result titles are not Traditional: {[t for _, t, _, _ in rows][:3]}")
            for href, _, _, _ in rows[:3]:
                with urllib.request.urlopen(base + href.lstrip("/")) as r:
                    if r.status != 200:
                        fail(f"{href}: {r.status}")
            search(driver, base + "zh-hant/", "无双")
            if "沒有找到" not in driver.find_element(By.ID, "search-status").text:
                fail("the mirror's message for nothing found is not in Traditional characters")
            log(f"劳模 in the mirror: {mirrored}; first: {rows[0][1]}")

            # The results page against WCAG 2.1 A/AA.
            source = axe_source()
            driver.set_script_timeout(60)
            for width_name, (width, height) in WIDTHS.items():
                driver.set_window_size(width, height)
                search(driver, base, "劳模精神")
                driver.execute_script(source)
                found = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
                    ".then(r => done(r.violations.map(v => v.id + ': ' + v.help)), e => done(['error: ' + e]));",
                    RULES)
                if found:
                    fail(f"axe at {width_name} width: {found}")
                log(f"axe on the results at {width_name} width: ok")
        finally:
            if driver:
                driver.quit()
            server.stop()
    log("passed")


if __name__ == "__main__":
    main()
