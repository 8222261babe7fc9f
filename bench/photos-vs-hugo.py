#!/usr/bin/env python3
"""The photos of a site, unionsite against Hugo extended, in the same run.

    bench/photos-vs-hugo.py [--photos 12] [--runs 3] [--covers]

Makes PHOTOS photos of 4000 × 3000 (12 megapixels, JPEG, as a phone writes them: a blurred
texture that compresses like a photograph, not noise) with libvips' command line, puts them in one
article of each tool's site, and builds both into new folders on tmpfs, alternating:
- unionsite: the whole build of a site with the article (its default theme makes WebP and JPEG
  copies at 480, 960 and 1600 wide); with --covers, each photo is also the cover of an article
  of its own, so its crops are made too (16:9 at 640 × 360 and 1280 × 720, 1200 × 630 for
  og:image, each in WebP and JPEG): 16 copies a photo instead of 6;
- Hugo: the photos alone, a template making three WebP widths of each (`.Resize "480x webp"`,
  960, 1600), with its resource cache emptied before each run.
Then one rebuild of each with nothing changed. Prints each build's wall time, CPU time (user +
sys) and peak memory, the medians, and unionsite's CPU over Hugo's (target: at most 0.5).
Needs: hugo (extended), vips (libvips-tools), /usr/bin/time.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def timed(cmd, cwd=None):
    """Wall seconds, CPU seconds, peak RSS MiB of a command."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + cmd, cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"photos-vs-hugo: {' '.join(cmd)} failed:\n{out.stderr[-2000:]}")
    wall, user, system, rss = out.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss) / 1024


def make_photos(folder, count):
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "base.v"
    subprocess.run(["vips", "gaussnoise", str(base), "4000", "3000", "--sigma", "60"], check=True)
    for k in range(count):
        blurred = folder / f"b{k}.v"
        subprocess.run(["vips", "gaussblur", str(base), str(blurred), str(2 + k % 5)], check=True)
        rgb = folder / f"c{k}.v"
        subprocess.run(["vips", "bandjoin", f"{blurred} {blurred} {blurred}", str(rgb)], check=True)
        subprocess.run(["vips", "cast", str(rgb), str(folder / f"photo{k + 1:02}.jpg[Q=90]"), "uchar"], check=True)
        blurred.unlink()
        rgb.unlink()
    base.unlink()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--photos", type=int, default=12)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--covers", action="store_true", help="each photo the cover of an article too (unionsite makes its crops)")
    args = ap.parse_args()
    for tool in ("hugo", "vips"):
        if not shutil.which(tool):
            sys.exit(f"photos-vs-hugo: {tool} not found")
    subprocess.run(["swift", "build", "-c", "release", "--product", "unionsite"], cwd=HERE, check=True, stdout=subprocess.DEVNULL)
    binary = str(HERE / ".build" / "release" / "unionsite")
    with tempfile.TemporaryDirectory(prefix="unionsite-photos-") as work:
        work = Path(work)
        photos = work / "photos"
        make_photos(photos, args.photos)
        names = sorted(p.name for p in photos.glob("*.jpg"))
        size = sum((photos / n).stat().st_size for n in names) / 1e6
        # unionsite: one article with every photo, in the default theme.
        us = work / "us"
        (us / "content" / "news" / "photos").mkdir(parents=True)
        (us / "site.yml").write_text("title: 照片\n", encoding="utf-8")
        body = "\n\n".join(f"![照片{k + 1}](photos/{n})" for k, n in enumerate(names))
        (us / "content" / "news" / "photos.md").write_text(f"---\ntitle: 照片\ndate: 2024-03-01\n---\n{body}\n", encoding="utf-8")
        for n in names:
            shutil.copy(photos / n, us / "content" / "news" / "photos" / n)
        if args.covers:
            for k, n in enumerate(names):
                (us / "content" / "news" / f"cover{k + 1}.md").write_text(
                    f"---\ntitle: 封面{k + 1}\ndate: 2024-03-02\ncover: photos/{n}\n---\n正文。\n", encoding="utf-8")
        # Hugo: a page bundle whose template makes three WebP widths of each photo.
        hugo = work / "hugo"
        (hugo / "content" / "photos").mkdir(parents=True)
        (hugo / "layouts" / "_default").mkdir(parents=True)
        (hugo / "config.toml").write_text('baseURL = "http://localhost/"\ntitle = "photos"\n', encoding="utf-8")
        (hugo / "content" / "photos" / "index.md").write_text("---\ntitle: photos\n---\n", encoding="utf-8")
        for n in names:
            shutil.copy(photos / n, hugo / "content" / "photos" / n)
        template = ('{{ range .Resources.ByType "image" }}{{ $a := .Resize "480x webp" }}{{ $b := .Resize "960x webp" }}'
                    '{{ $c := .Resize "1600x webp" }}<img src="{{ $a.RelPermalink }}" srcset="{{ $a.RelPermalink }} 480w, '
                    '{{ $b.RelPermalink }} 960w, {{ $c.RelPermalink }} 1600w">{{ end }}')
        (hugo / "layouts" / "_default" / "single.html").write_text(template, encoding="utf-8")
        (hugo / "layouts" / "_default" / "list.html").write_text("", encoding="utf-8")
        out = Path("/dev/shm") / f"unionsite-photos-{os.getpid()}"
        print(f"{len(names)} photos of 4000 × 3000, {size:.1f} MB{', each a cover too' if args.covers else ''}; {os.cpu_count()} cores; {subprocess.run(['hugo', 'version'], capture_output=True, text=True).stdout.split()[1]}")
        results = {"unionsite": [], "hugo": []}
        for i in range(args.runs):
            shutil.rmtree(us / ".unionsite-cache", ignore_errors=True)
            shutil.rmtree(hugo / "resources", ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            order = ["unionsite", "hugo"] if i % 2 == 0 else ["hugo", "unionsite"]
            for tool in order:
                if tool == "unionsite":
                    r = timed([binary, "build", "--quiet", "--source", str(us), "--output", str(out / "us")])
                else:
                    r = timed(["hugo", "--quiet", "--source", str(hugo), "--destination", str(out / "hugo"),
                               "--cacheDir", str(work / "hugo-cache")])
                results[tool].append(r)
                print(f"  run {i + 1} {tool:9} wall {r[0]:6.2f} s  cpu {r[1]:6.2f} s  peak {r[2]:5.0f} MiB")
            shutil.rmtree(work / "hugo-cache", ignore_errors=True)
        # Nothing changed: a rebuild into the full output.
        again = timed([binary, "build", "--quiet", "--source", str(us), "--output", str(out / "us")])
        print(f"  unionsite rebuild, nothing changed: wall {again[0]:.2f} s  cpu {again[1]:.2f} s  peak {again[2]:.0f} MiB")
        med = {t: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v), max(r[2] for r in v)) for t, v in results.items()}
        for t, (w, c, m) in med.items():
            print(f"median {t:9} wall {w:6.2f} s  cpu {c:6.2f} s  peak {m:5.0f} MiB")
        print(f"unionsite's CPU over Hugo's: {med['unionsite'][1] / med['hugo'][1]:.2f} (target: at most 0.5); "
              f"peak memory {med['unionsite'][2]:.0f} MiB (target: under 300)")
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
