#!/usr/bin/env bash
# Times the clean build of two commits of unionsite against each other, on the same corpus and
# the same templates, to show whether a change made the build slower.
#
#   bench/compare-commits.sh BASE [HEAD] [ARTICLES] [PAIRS]
#       (defaults: HEAD = the checked-out commit, 10000 articles, 20 pairs)
#
# Builds both commits in release (BASE in a temporary worktree), generates ../shared/bench's
# corpus with the templates of BASE (so that the theme's own growth does not count), then runs
# PAIRS pairs of clean builds into an empty output folder under TMPDIR (use TMPDIR=/dev/shm:
# on disk, deleting the 10k outputs costs seconds that vary run to run).
#
# Why pairs, and why in both orders: the host's speed drifts from minute to minute, and the
# ratio of two builds run back to back cancels the drift; but the second build of a pair is
# often faster than the first, so half the pairs run BASE first and half HEAD first. Prints
# the medians of wall and user+sys CPU per commit, and HEAD/BASE as the geometric mean of the
# two orders' median pair ratios (which cancels the order effect).
# Needs: git, swift, /usr/bin/time, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
base="${1:?usage: bench/compare-commits.sh BASE [HEAD] [ARTICLES] [PAIRS]}"
head="${2:-HEAD}"
articles="${3:-10000}"
pairs="${4:-20}"
gen="$here/../shared/bench/gen_corpus.py"
[ -f "$gen" ] || { echo "compare-commits: $gen not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare-commits: /usr/bin/time not found (apt-get install -y time)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/unionsite-commits-XXXXXX")"
cleanup() {
    git -C "$here" worktree remove --force "$work/base-tree" >/dev/null 2>&1 || true
    git -C "$here" worktree remove --force "$work/head-tree" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

binary() { # commit name → path of its release binary
    git -C "$here" worktree add --detach "$work/$2-tree" "$1" >/dev/null 2>&1
    (cd "$work/$2-tree" && swift build -c release --product unionsite >/dev/null)
    cp "$work/$2-tree/.build/release/unionsite" "$work/$2-bin"
    echo "$work/$2-bin"
}
echo "building $base and $head in release…"
base_bin="$(binary "$base" base)"
head_bin="$(binary "$head" head)"

python3 "$gen" --articles "$articles" --flavor unionsite --out "$work/site" >/dev/null
# BASE's theme as the site's own, whole, for both binaries (theme/ since the theme is built in).
if [ -d "$work/base-tree/theme" ]; then cp -r "$work/base-tree/theme" "$work/site/templates"; else cp -r "$work/base-tree/templates" "$work/site/templates"; fi
echo "machine: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "base $(git -C "$here" rev-parse --short "$base"), head $(git -C "$here" rev-parse --short "$head"), $articles articles, $pairs pairs"

run() { # label binary
    rm -rf "$work/out" "$work/site/.unionsite-cache"
    /usr/bin/time -f "$1 %e %U %S" -o "$work/t" "$2" build --source "$work/site" --output "$work/out" --quiet >/dev/null
    cat "$work/t"
}
for i in $(seq "$pairs"); do
    if [ $((i % 2)) = 1 ]; then
        run "base-first:base" "$base_bin"; run "base-first:head" "$head_bin"
    else
        run "head-first:head" "$head_bin"; run "head-first:base" "$base_bin"
    fi
done | python3 -c '
import sys, statistics, math, collections
rows = collections.defaultdict(list)
for line in sys.stdin:
    label, wall, user, system = line.split()
    order, commit = label.split(":")
    rows[(order, commit)].append((float(wall), float(user) + float(system)))
for commit in ("base", "head"):
    runs = rows[("base-first", commit)] + rows[("head-first", commit)]
    print("%s: wall median %.3f s, CPU median %.3f s" % (commit,
        statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)))
result = []
for i, measure in enumerate(("wall", "CPU")):
    by_order = []
    for order in ("base-first", "head-first"):
        ratios = [h[i] / b[i] for b, h in zip(rows[(order, "base")], rows[(order, "head")])]
        by_order.append(statistics.median(ratios))
    both = math.sqrt(by_order[0] * by_order[1])
    print("head/base %s: %.3f (median pair ratio %.3f with base first, %.3f with head first)"
          % (measure, both, by_order[0], by_order[1]))
'
