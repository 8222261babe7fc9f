#!/usr/bin/env bash
# How time and peak memory grow with the corpus, unionsite next to Hugo, one clean build each.
#
#   bench/scaling.sh [SIZES…]          (default: 1000 10000 50000 100000 articles)
#
# For each size, generates ../shared/bench's corpus (SIZE articles + SIZE/5 honorees) in the
# unionsite and Hugo flavors under $BENCH_CORPORA (default /tmp/unionsite-bench-corpora; a
# corpus already there is reused), then times one clean build of each into a new folder with
# /usr/bin/time -v: wall, user+sys CPU, peak RSS, and the ratios unionsite/Hugo.
# SKIP_HUGO=1 times unionsite only. Needs hugo (apt-get install -y hugo), /usr/bin/time, python3,
# and about 3 GiB of disk per 100,000 articles and flavor.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
gen="$here/../shared/bench/gen_corpus.py"
corpora="${BENCH_CORPORA:-/tmp/unionsite-bench-corpora}"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 50000 100000)
[ -f "$gen" ] || { echo "scaling: $gen not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "scaling: /usr/bin/time not found (apt-get install -y time)" >&2; exit 1; }
skip_hugo="${SKIP_HUGO:-0}"
[ "$skip_hugo" = 1 ] || command -v hugo >/dev/null || { echo "scaling: hugo not found (apt-get install -y hugo)" >&2; exit 1; }

(cd "$here" && swift build -c release --product unionsite >/dev/null)
us_bin="$here/.build/release/unionsite"
mkdir -p "$corpora"
work="$(mktemp -d "${TMPDIR:-/tmp}/unionsite-scaling-XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "unionsite $(cd "$here" && git rev-parse --short HEAD 2>/dev/null || echo '?'); $( [ "$skip_hugo" = 1 ] || hugo version | cut -d' ' -f1-2)"
# measure LOG → "wall cpu rssMiB"
measure() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i] }
        /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident set/ { m = $2 }
        END { printf "%.2f %.2f %.0f\n", w, u + s, m / 1024 }' "$1"
}
printf '\n%-9s %-10s %9s %9s %10s\n' articles tool wall cpu "peak RSS"
for n in "${sizes[@]}"; do
    for flavor in unionsite hugo; do
        [ "$flavor" = hugo ] && [ "$skip_hugo" = 1 ] && continue
        dir="$corpora/$flavor-$n"
        [ -f "$dir/.gen_corpus" ] || python3 "$gen" --articles "$n" --flavor "$flavor" --out "$dir" --force >/dev/null
    done
    # The built-in theme: no copy of an older one left in a corpus kept from an earlier run.
    rm -rf "$corpora/unionsite-$n/templates"
    rm -rf "$corpora/unionsite-$n/.unionsite-cache"
    # Creating files within ~30 s of deleting thousands is several times slower on ext4 without
    # a journal (see compare-hugo.sh): let the last size's deletions settle. SETTLE=0 skips it.
    sync; sleep "${SETTLE:-35}"
    /usr/bin/time -v "$us_bin" build --quiet --source "$corpora/unionsite-$n" --output "$work/us" >/dev/null 2>"$work/us.log" || { cat "$work/us.log" >&2; exit 1; }
    read -r uw uc um < <(measure "$work/us.log")
    printf '%-9s %-10s %8.2fs %8.2fs %7.0fMiB\n' "$n" unionsite "$uw" "$uc" "$um"
    if [ "$skip_hugo" != 1 ]; then
        /usr/bin/time -v hugo --quiet --minify=false --source "$corpora/hugo-$n" --destination "$work/hugo" >/dev/null 2>"$work/hugo.log" || { cat "$work/hugo.log" >&2; exit 1; }
        read -r hw hc hm < <(measure "$work/hugo.log")
        printf '%-9s %-10s %8.2fs %8.2fs %7.0fMiB\n' "$n" hugo "$hw" "$hc" "$hm"
        awk -v n="$n" -v a="$uw" -v b="$hw" -v c="$uc" -v d="$hc" -v e="$um" -v f="$hm" \
            'BEGIN { printf "%-9s %-10s %9.2f %9.2f %10.2f\n", n, "ratio", a / b, c / d, e / f }'
    fi
    rm -rf "$work/us" "$work/hugo"
done
