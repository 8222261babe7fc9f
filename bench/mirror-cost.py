#!/usr/bin/env python3
"""What the Traditional mirror (site.yml `traditional: s2t`) costs a clean build.

    bench/mirror-cost.py [--articles 1000] [--runs 9]

Generates ../shared/bench's corpus once and copies it into two site roots that differ only in
site.yml: one without the mirror, one with `traditional: s2t`; both use this repository's
templates. Builds unionsite in release, then for each run builds both into new, empty output
folders under /dev/shm, alternating which goes first. Three kinds of run:

  off   the site without the mirror;
  warm  with the mirror, its caches (.unionsite-cache/: the runs OpenCC converted and the
        bodies the mirror converted) as the builds before left them: every build but a site's
        first;
  cold  with the mirror, those caches removed before the build: a site's first build.

Prints each build's wall time, the medians and the ratios warm/off and cold/off.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
GEN = HERE.parent / "shared" / "bench" / "gen_corpus.py"


def build(binary, root, output):
    shutil.rmtree(output, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([binary, "build", "--quiet", "--source", str(root), "--output", str(output)], check=True)
    seconds = time.perf_counter() - start
    shutil.rmtree(output, ignore_errors=True)
    return seconds


def forget_mirror_caches(root):
    for f in (root / ".unionsite-cache").glob("*"):
        if f.name.startswith("mirror-") or f.name.startswith("opencc-s2t"):
            f.unlink()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    if not GEN.exists():
        sys.exit(f"mirror-cost: {GEN} not found")
    subprocess.run(["swift", "build", "-c", "release", "--product", "unionsite"], cwd=HERE, check=True, stdout=subprocess.DEVNULL)
    binary = str(HERE / ".build" / "release" / "unionsite")
    with tempfile.TemporaryDirectory(prefix="unionsite-mirror-") as work:
        work = Path(work)
        off, on = work / "off", work / "on"
        subprocess.run([sys.executable, str(GEN), "--articles", str(args.articles), "--flavor", "unionsite", "--out", str(off)],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copytree(off, on)
        with open(on / "site.yml", "a", encoding="utf-8") as f:
            f.write("\ntraditional: s2t\n")
        out = Path("/dev/shm") / f"unionsite-mirror-{os.getpid()}"
        # One build of each first: the Traditional passages' runs (t2s) are cached in both.
        build(binary, off, out)
        build(binary, on, out)
        pages = {}
        for name, root in [("off", off), ("on", on)]:
            subprocess.run([binary, "build", "--quiet", "--source", str(root), "--output", str(out)], check=True)
            pages[name] = sum(1 for _ in out.rglob("*.html"))
            shutil.rmtree(out)
        print(f"unionsite {subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=HERE, capture_output=True, text=True).stdout.strip()}; "
              f"{args.articles} articles; {pages['off']} pages without the mirror, {pages['on']} with it; "
              f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
        times = {"off": [], "warm": [], "cold": []}
        for i in range(args.runs):
            order = ["off", "warm", "cold"] if i % 2 == 0 else ["cold", "warm", "off"]
            for kind in order:
                if kind == "cold":
                    forget_mirror_caches(on)
                times[kind].append(build(binary, off if kind == "off" else on, out))
            print(f"  run {i + 1}: " + "  ".join(f"{k} {times[k][-1]:.3f} s" for k in ["off", "warm", "cold"]))
        med = {k: statistics.median(v) for k, v in times.items()}
        print("median: " + "  ".join(f"{k} {med[k]:.3f} s" for k in ["off", "warm", "cold"]))
        print(f"ratio with the mirror: warm {med['warm'] / med['off']:.2f} x, cold {med['cold'] / med['off']:.2f} x (target: at most 1.6 x)")


if __name__ == "__main__":
    main()
