#!/usr/bin/env bash
# Times unionsite against Hugo on the same generated corpus, in one run, alternating builds.
#
#   bench/compare-hugo.sh [ARTICLES] [RUNS]        (defaults: 10000 articles, 5 runs)
#
# Generates ../shared/bench's corpus (ARTICLES articles + ARTICLES/5 honorees) in the
# unionsite and Hugo flavors, builds unionsite in release, then for each run builds both into
# new, empty output folders ("clean"), alternating unionsite and Hugo; then one "rebuild" of
# each into its full output folder with one article changed (unionsite keeps its build state
# in the corpus's .unionsite-cache/, as it does for any user). Outputs stay until the end
# (5 runs of 10,000 articles take ~2.5 GB). Every build is timed with /usr/bin/time -v.
# Prints wall, user+sys CPU, peak RSS and the CPU time the host stole (see `steal`) per build,
# the medians, pages and bytes per page of both outputs, and the ratios unionsite/Hugo.
# unionsite's pages are full pages of its built-in theme (theme/ of this repository).
# Needs: hugo (apt-get install -y hugo), /usr/bin/time (apt-get install -y time), python3.
# KEEP=1 keeps the work folder.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
articles="${1:-10000}"
runs="${2:-5}"
gen="$here/../shared/bench/gen_corpus.py"
[ -f "$gen" ] || { echo "compare-hugo: $gen not found" >&2; exit 1; }
command -v hugo >/dev/null || { echo "compare-hugo: hugo not found (apt-get install -y hugo)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "compare-hugo: /usr/bin/time not found (apt-get install -y time)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/unionsite-bench-XXXXXX")"
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; else echo "keeping $work"; fi

echo "generating $articles articles + $((articles / 5)) honorees in both flavors…"
python3 "$gen" --articles "$articles" --flavor unionsite --out "$work/us" >/dev/null
python3 "$gen" --articles "$articles" --flavor hugo --out "$work/hugo" >/dev/null
(cd "$here" && swift build -c release --product unionsite >/dev/null)
us_bin="$here/.build/release/unionsite"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(hugo version | cut -d' ' -f1-2); unionsite $(cd "$here" && git rev-parse --short HEAD 2>/dev/null || echo '?')"

results="$work/results.tsv"
: > "$results"
# steal — the machine's stolen CPU time so far, in clock ticks (the 8th value of /proc/stat's
# "cpu" line): time this virtual machine's cores were ready to run but the host ran something
# else. On a shared host it can be half the run; wall times are only comparable across runs
# with similar steal.
steal() { awk '/^cpu / { print $9; exit }' /proc/stat; }
ticks="$(getconf CLK_TCK)"
# timed NAME LABEL COMMAND… — appends "name label wall cpu rssMiB steal" to results.
timed() {
    local name="$1" label="$2"; shift 2
    local before; before="$(steal)"
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.log" || { cat "$work/time.log" >&2; exit 1; }
    local stolen=$(( $(steal) - before ))
    awk -v name="$name" -v label="$label" -v stolen="$stolen" -v ticks="$ticks" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
        /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident set/ { m = $2 }
        END { printf "%s\t%s\t%.3f\t%.3f\t%.0f\t%.2f\n", name, label, w, u + s, m / 1024, stolen / ticks }' "$work/time.log" | tee -a "$results" |
        awk -F'\t' '{ printf "  %-9s %-8s wall %7.2f s  cpu %7.2f s  peak RSS %6.0f MiB  stolen %5.2f s\n", $1, $2, $3, $4, $5, $6 }'
}

# On ext4 without a journal (this project's machines), creating files within ~30 s of deleting
# thousands costs several times more: the inode allocator steps around recently freed inodes.
# So no output is deleted between runs, and the timing starts once earlier deletions (a previous
# benchmark's work folder) have settled. SETTLE=0 skips the wait.
settle="${SETTLE:-35}"
sync; [ "$settle" -gt 0 ] && { echo "waiting ${settle} s for earlier deletions to settle…"; sleep "$settle"; }
for i in $(seq 1 "$runs"); do
    timed unionsite "clean#$i" "$us_bin" build --quiet --source "$work/us" --output "$work/us-out$i"
    timed hugo "clean#$i" hugo --quiet --minify=false --source "$work/hugo" --destination "$work/hugo-out$i"
done
# Rebuild into a full output folder with one article changed.
edit() { f="$(find "$1/content/news" -name '*.md' | sort | sed -n 1p)"; printf '\n改动一句。\n' >> "$f"; }
edit "$work/us"; edit "$work/hugo"
timed unionsite rebuild "$us_bin" build --quiet --source "$work/us" --output "$work/us-out$runs"
timed hugo rebuild hugo --quiet --minify=false --source "$work/hugo" --destination "$work/hugo-out$runs"

pages() { find "$1" -type f -name '*.html' | wc -l; }
bytes() { find "$1" -type f -name '*.html' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
us_pages=$(pages "$work/us-out$runs"); hugo_pages=$(pages "$work/hugo-out$runs")
us_bytes=$(bytes "$work/us-out$runs"); hugo_bytes=$(bytes "$work/hugo-out$runs")

python3 - "$results" "$us_pages" "$hugo_pages" "$us_bytes" "$hugo_bytes" "$articles" <<'PY'
import sys, statistics
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
usp, hgp, usb, hgb, n = (int(x) for x in sys.argv[2:7])
def med(name, kind, col):
    vals = [float(r[col]) for r in rows if r[0] == name and r[1].startswith(kind)]
    return statistics.median(vals) if vals else float("nan")
print(f"\nmedians, {n} articles ({len([r for r in rows if r[0]=='hugo' and r[1].startswith('clean')])} clean runs each):")
print(f"{'':10}{'clean wall':>12}{'clean cpu':>12}{'peak RSS':>11}{'rebuild wall':>14}{'HTML pages':>12}{'bytes/page':>12}{'stolen':>9}")
for name, p, b in (("unionsite", usp, usb), ("hugo", hgp, hgb)):
    print(f"{name:10}{med(name,'clean',2):11.2f}s{med(name,'clean',3):11.2f}s{med(name,'clean',4):8.0f}MiB"
          f"{med(name,'rebuild',2):13.2f}s{p:12d}{b // max(p,1):12d}{med(name,'clean',5):8.2f}s")
r = lambda c, k='clean': med('unionsite', k, c) / med('hugo', k, c)
print(f"{'ratio':10}{r(2):12.2f}{r(3):12.2f}{r(4):11.2f}{r(2,'rebuild'):14.2f}   (unionsite / Hugo)")
PY
