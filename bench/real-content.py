#!/usr/bin/env python3
"""Builds another generator's content with unionsite and counts what reached the pages.

    bench/real-content.py SOURCE --out DIR [--prefix content/cn] [--static img] [--set-aside]
                          [--ref HEAD] [--bin PATH]

SOURCE is a folder, or a git directory (a bare clone) read at --ref. The Markdown files under
--prefix (.md, .markdown) become articles under DIR/content/news/, keeping their sub-folders; other
files under --prefix are copied beside them (images). The site gets a plain site.yml and this
repository's default theme, and is built with `unionsite build --verbose`. With --set-aside, the
files with errors are moved out after a failed build and the rest is built again, so that what the
other files lose can be counted.

It prints the build's errors and warnings by kind (a message with its `quoted` parts and numbers
taken out), then tables, footnotes, images and shortcodes counted in the sources (outside fenced
code) against the article bodies of the output (`<div class="article-body">`), in total and for the
articles whose titles match one source file each. Nothing of the content is kept in the repository:
use fetched repositories as SOURCE and a temporary DIR.
"""
import argparse
import collections
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{1,}:?\s*)+\|?\s*$|^\s*\|\s*:?-{3,}:?\s*\|\s*$")
FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\s*[\(\[]")
HTML_IMAGE = re.compile(r"<img\b", re.I)
SHORTCODE = re.compile(r"\{\{[<%]\s*[^/\s>%][^>%]*?[>%]\}\}")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
TITLE_LINE = re.compile(r"""^(?:title|Title|标题)\s*[:：=]\s*["']?(.*?)["']?\s*$""")


def source_files(source, prefix, ref):
    """(relative path, bytes) of every file under prefix."""
    if os.path.isdir(os.path.join(source, "objects")):
        data = subprocess.run(["git", "--git-dir", source, "archive", ref, prefix], check=True,
                              stdout=subprocess.PIPE).stdout
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            for m in tar.getmembers():
                if m.isfile():
                    yield os.path.relpath(m.name, prefix), tar.extractfile(m).read()
    else:
        root = os.path.join(source, prefix)
        for folder, _, names in os.walk(root):
            for n in names:
                p = os.path.join(folder, n)
                with open(p, "rb") as f:
                    yield os.path.relpath(p, root), f.read()


CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
COMMENT = re.compile(r"<!--.*?-->", re.S)


def count_source(text):
    """Tables, footnote definitions, images and shortcodes outside fenced code, code spans and
    HTML comments (an image commented out or shown as code is not one the page should have)."""
    counts = collections.Counter()
    fence = None
    text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for line in text.splitlines():
        m = FENCE.match(line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        line = CODE_SPAN.sub("", line)
        if TABLE_DELIMITER.match(line) and "|" in line:
            counts["tables"] += 1
        if FOOTNOTE_DEF.match(line):
            counts["footnotes"] += 1
        counts["images"] += len(MD_IMAGE.findall(line)) + len(HTML_IMAGE.findall(line))
        counts["shortcodes"] += len(SHORTCODE.findall(line))
    return counts


def count_output(body):
    counts = collections.Counter()
    counts["tables"] = len(re.findall(r"<table\b", body))
    counts["footnotes"] = len(re.findall(r"<li id=\"fn", body))
    counts["images"] = len(re.findall(r"<img\b", body))
    counts["shortcodes"] = len(SHORTCODE.findall(html.unescape(body)))
    return counts


def source_title(text):
    for line in text.splitlines()[1:40]:
        m = TITLE_LINE.match(line)
        if m:
            return m.group(1).strip()
    return None


def kind_of(message):
    m = re.sub(r"`[^`]*`", "`…`", message)
    m = re.sub(r"\d+", "N", m)
    return m[:140]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("source")
    ap.add_argument("--out", required=True)
    ap.add_argument("--prefix", default=".")
    ap.add_argument("--ref", default="HEAD")
    ap.add_argument("--bin", default=os.path.join(HERE, ".build", "release", "unionsite"))
    ap.add_argument("--title", default="real content")
    ap.add_argument("--static", action="append", default=[],
                    help="another folder of SOURCE copied to content/<its name> (a Jekyll site's img/), repeatable")
    ap.add_argument("--set-aside", action="store_true",
                    help="after a failed build, move the files with errors out of the site and build the rest")
    args = ap.parse_args()

    site = args.out
    if os.path.exists(site):
        shutil.rmtree(site)
    news = os.path.join(site, "content", "news")
    os.makedirs(news)
    totals_in = collections.Counter()
    by_title = collections.defaultdict(list)
    files = 0
    for rel, data in source_files(args.source, args.prefix, args.ref):
        dest = os.path.join(news, rel)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as f:
            f.write(data)
        if rel.endswith((".md", ".markdown")):
            files += 1
            text = data.decode("utf-8", "replace")
            c = count_source(text)
            totals_in += c
            title = source_title(text)
            if title:
                by_title[html.unescape(title)].append((rel, c))
    for folder in args.static:
        for rel, data in source_files(args.source, folder, args.ref):
            dest = os.path.join(site, "content", os.path.basename(folder.rstrip("/")), rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(data)
    with open(os.path.join(site, "site.yml"), "w") as f:
        f.write(f"title: {args.title}\nbase_url: http://127.0.0.1:8080/\nlanguage: zh-CN\n")

    out = os.path.join(site, "public")
    run = build(args.bin, site, out)
    report(run, files)
    shown_as_text = run.stderr.count("this table is shown as text")
    if run.returncode != 0 and args.set_aside:
        failed = set()
        for line in run.stderr.splitlines():
            m = re.match(r"^(content/\S+?):\d+:\d+: (?!warning: )|^(content/\S+?): (?!warning: )", line)
            if m:
                failed.add(m.group(1) or m.group(2))
        aside = os.path.join(site, "set-aside")
        for rel in sorted(failed):
            dest = os.path.join(aside, rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            if os.path.exists(os.path.join(site, rel)):
                shutil.move(os.path.join(site, rel), dest)
            c = count_source(open(dest, encoding="utf-8", errors="replace").read())
            totals_in.subtract(c)
            for title, sources in by_title.items():
                by_title[title] = [s for s in sources if "content/news/" + s[0] != rel]
        print(f"\nset aside {len(failed)} files with errors (in {aside}); building the other {files - len(failed)}")
        run = build(args.bin, site, out)
        report(run, files - len(failed))
        shown_as_text = run.stderr.count("this table is shown as text")
    totals_out = collections.Counter()
    mismatched = []
    pages = 0
    newsout = os.path.join(out, "news")
    if os.path.isdir(newsout):
        for slug in os.listdir(newsout):
            p = os.path.join(newsout, slug, "index.html")
            if not os.path.isfile(p):
                continue
            with open(p, encoding="utf-8") as f:
                page = f.read()
            m = re.search(r'<div class="article-body">(.*?)\n  </div>', page, re.S)
            body = m.group(1) if m else ""
            pages += 1
            c = count_output(body)
            totals_out += c
            t = re.search(r'<h1 class="article-title">(.*?)</h1>', page, re.S)
            title = html.unescape(t.group(1)) if t else None
            sources = by_title.get(title, [])
            if len(sources) == 1:
                rel, cin = sources[0]
                expect = {k: cin[k] for k in ("tables", "footnotes", "images")}
                got = {k: c[k] for k in ("tables", "footnotes", "images")}
                if any(got[k] < expect[k] for k in expect) or c["shortcodes"]:
                    mismatched.append((rel, expect, got, c["shortcodes"]))
    print(f"article pages written: {pages}")
    print(f"{'':12}{'sources':>10}{'pages':>10}")
    for k in ("tables", "footnotes", "images", "shortcodes"):
        print(f"{k:12}{totals_in[k]:>10}{totals_out[k]:>10}")
    print(f"tables warned about as shown as text (not tables to GFM): {shown_as_text}")
    print(f"articles (matched by title) with fewer tables, footnotes or images than their source, or a shortcode left: {len(mismatched)}")
    for rel, expect, got, sc in mismatched[:15]:
        print(f"  {rel}: source {expect}, page {got}, shortcodes left {sc}")
    return 0


def build(binary, site, out):
    return subprocess.run([binary, "build", "--verbose", "--source", site, "--output", out],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def report(run, files):
    diag = re.compile(r"^(\S+?):(\d+):(\d+): (warning: )?(.*)$|^(\S+?): (warning: )?(.*)$")
    errors, warnings = collections.Counter(), collections.Counter()
    for line in run.stderr.splitlines():
        m = diag.match(line)
        if not m or line.startswith(" ") or "|" in line[:8]:
            continue
        message = m.group(5) if m.group(1) else m.group(8)
        is_warning = bool(m.group(4) if m.group(1) else m.group(7))
        (warnings if is_warning else errors)[kind_of(message or "")] += 1
    last = (run.stdout.strip().splitlines() or run.stderr.strip().splitlines() or [""])[-1]
    print(f"{files} Markdown files; build exit {run.returncode}; last line: {last}")
    print(f"errors: {sum(errors.values())}, warnings: {sum(warnings.values())}")
    for name, counter in (("error", errors), ("warning", warnings)):
        for k, n in counter.most_common(25):
            print(f"  {n:7d} {name}: {k}")


if __name__ == "__main__":
    sys.exit(main())
