#!/usr/bin/env bash
# How long `unionsite serve` takes to rebuild after an editor saves one article.
#
#   bench/serve-edit.sh [ARTICLES] [EDITS]      (default: 10000 articles, 7 edits of each kind)
#
# Copies ../shared/bench's corpus (ARTICLES articles + ARTICLES/5 honorees, generated under
# $BENCH_CORPORA like scaling.sh does) into a new folder, starts a release `unionsite serve` on
# it, and saves EDITS times in each of seven ways, 2 s apart: a line appended to an article's body
# (what editors do most), a changed title (the page moves to a new URL), a changed date (the
# article moves in every list), changed tags (a new tag each time: a tag page comes and one goes),
# another column (both columns' lists and every page that shows the columns' sizes change), a new
# article dated today (it heads every list it is in), that article deleted again, and a new
# 12-megapixel photo put next to the article and shown in its body (its six copies are made,
# then the page). Only the pages that read what changed are rendered.
# A tab is open on the home page (an event stream, as the live reload script opens it), so serve
# renders the open page and the saved article's own page first, shows them and reloads the tab,
# then renders and writes the rest (docs/DECISIONS.md, "serve shows the open pages first").
# KINDS="body tags" picks some. Prints what serve reports for each save, and for each kind the
# median and 95th percentile of two times: until the open pages were shown ("shown"; the whole
# rebuild when no open page changed) and until every page was written ("all"). The watcher's
# 100 ms quiet period before a rebuild starts is not included.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
gen="$here/../shared/bench/gen_corpus.py"
corpora="${BENCH_CORPORA:-/tmp/unionsite-bench-corpora}"
n="${1:-10000}"
edits="${2:-7}"
port="${PORT:-8931}"
[ -f "$gen" ] || { echo "serve-edit: $gen not found" >&2; exit 1; }

(cd "$here" && swift build -c release --product unionsite >/dev/null)
bin="$here/.build/release/unionsite"
corpus="$corpora/unionsite-$n"
mkdir -p "$corpora"
[ -f "$corpus/.gen_corpus" ] || python3 "$gen" --articles "$n" --flavor unionsite --out "$corpus" --force >/dev/null
work="$(mktemp -d "${TMPDIR:-/tmp}/unionsite-serve-edit-XXXXXX")"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cp -r "$corpus" "$work/site"
rm -rf "$work/site/templates" "$work/site/.unionsite-cache"
article="$(find "$work/site/content/news" -name '*.md' | sort | sed -n "$((n / 2))p")"
echo "machine: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); unionsite $(cd "$here" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "site: $n articles; editing ${article#"$work/site/"}"

"$bin" serve --source "$work/site" --port "$port" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -q '^serving ' "$work/serve.log" && break; sleep 0.5; done
grep -q '^serving ' "$work/serve.log" || { cat "$work/serve.log" >&2; exit 1; }
curl -sN "http://127.0.0.1:$port/__unionsite/events?page=%2F" >/dev/null &
tab=$!
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; kill "$tab" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
grep '^built ' "$work/serve.log"

# save KIND I: changes the article and waits for serve to report the rebuild.
save() {
    local before; before="$(grep -c '^rebuilt in ' "$work/serve.log" || true)"
    case "$1" in
        body) printf '\n第 %s 次修改正文。\n' "$2" >>"$article" ;;
        title) python3 - "$article" "$2" <<'PY'
import re, sys
path, i = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = re.sub(r"^(title|标题):.*$", lambda m: f"{m.group(1)}: 改过第 {i} 次的标题", text, count=1, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
PY
        ;;
        column) python3 - "$article" "$2" <<'PY'
import re, sys
path, i = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
column = "基层风采" if i % 2 else "工会动态"
text = re.sub(r"^(column|栏目):.*$", lambda m: f"{m.group(1)}: {column}", text, count=1, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
PY
        ;;
        date) python3 - "$article" "$2" <<'PY'
import re, sys
path, i = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
text = re.sub(r"^(date|日期):(\s*\d{4}-\d{2}-)(\d{2})", lambda m: f"{m.group(1)}:{m.group(2)}{1 + i % 27:02d}", text, count=1, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
PY
        ;;
        new) python3 - "$article" "$work/site/content/news/serve-edit-new.md" "$2" <<'PY'
import re, sys, datetime
source, target, i = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(source, encoding="utf-8").read()
today = datetime.date.today().isoformat()
text = re.sub(r"^(title|标题):.*$", lambda m: f"{m.group(1)}: 今天新发的第 {i} 篇", text, count=1, flags=re.M)
text = re.sub(r"^(date|日期):.*$", lambda m: f"{m.group(1)}: {today}", text, count=1, flags=re.M)
text = re.sub(r"^slug:.*\n", "", text, flags=re.M)
open(target, "w", encoding="utf-8").write(text)
PY
        ;;
        delete) rm -f "$work/site/content/news/serve-edit-new.md" ;;
        photo)
            # A phone's photo copied next to the article, and the article saved with it: the
            # watcher's quiet period takes both as one change.
            local dir; dir="$(dirname "$article")"
            cp "$work/photo-$2.jpg" "$dir/serve-edit-photo-$2.jpg"
            printf '\n![第 %s 张照片](serve-edit-photo-%s.jpg)\n' "$2" "$2" >>"$article" ;;
        tags) python3 - "$article" "$2" <<'PY'
import re, sys
path, i = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
text = re.sub(r"^(tags|标签):.*$", lambda m: f"{m.group(1)}: [劳模, 第{i}次加的标签]", text, count=1, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
PY
        ;;
    esac
    for _ in $(seq 300); do
        [ "$(grep -c '^rebuilt in ' "$work/serve.log" || true)" -gt "$before" ] && break
        sleep 0.1
    done
    grep '^rebuilt in \|^build failed' "$work/serve.log" | tail -1
}
# seconds LINES… → the rebuild times in seconds, one a line.
seconds() { sed -n 's/^rebuilt in \([0-9.]*\) \(m\{0,1\}s\).*/\1 \2/p' | awk '{ print ($2 == "ms" ? $1 / 1000 : $1) }'; }
# The same for the time the open pages were shown, or the whole rebuild's when none was.
shown() { sed -e 's/^rebuilt in [0-9.]* m\{0,1\}s (open pages shown after \([0-9.]*\) \(m\{0,1\}s\)).*/rebuilt in \1 \2/' | seconds; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "?"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The 95th percentile, nearest rank: with fewer than 20 saves, the slowest.
p95() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "?"; else { r = int(NR * 0.95 + 0.999); if (r > NR) r = NR; print v[r] } }'; }

kinds="${KINDS:-body title date tags column new delete photo}"
if [[ " $kinds " == *" photo "* ]]; then
    # Photos of 4000 × 3000 (12 megapixels, as a phone's), each different, made before timing.
    command -v vips >/dev/null || { echo "serve-edit: the photo kind needs vips (libvips-tools)" >&2; exit 1; }
    vips gaussnoise "$work/noise.v" 4000 3000 --sigma 60
    for i in $(seq "$edits"); do
        vips gaussblur "$work/noise.v" "$work/blur.v" "$((2 + i % 5))"
        vips bandjoin "$work/blur.v $work/blur.v $work/blur.v" "$work/rgb.v"
        vips cast "$work/rgb.v" "$work/photo-$i.jpg[Q=90]" uchar
    done
    rm -f "$work"/*.v
fi
declare -A times
for i in $(seq "$edits"); do
    for kind in $kinds; do
        # A new article and its deletion go in pairs: "delete" deletes the article "new" made.
        sleep 2
        line="$(save "$kind" "$i")"
        echo "$kind edit $i: $line"
        times[$kind]+="$line"$'\n'
        # Each kind is measured alone: a "new" not followed by "delete" is taken back here.
        if [ "$kind" = new ] && [[ " $kinds " != *" delete "* ]]; then sleep 2; save delete "$i" >/dev/null; fi
    done
done
for kind in $kinds; do
    sm="$(printf '%s' "${times[$kind]}" | shown | median)"
    sp="$(printf '%s' "${times[$kind]}" | shown | p95)"
    m="$(printf '%s' "${times[$kind]}" | seconds | median)"
    p="$(printf '%s' "${times[$kind]}" | seconds | p95)"
    awk -v k="$kind" -v sm="$sm" -v sp="$sp" -v m="$m" -v p="$p" \
        'BEGIN { printf "%-7s shown: median %.3f s, p95 %.3f s; all: median %.3f s, p95 %.3f s\n", k, sm, sp, m, p }'
done
