#!/usr/bin/env bash
# Builds and runs one libFuzzer target.
#
#   fuzz/run.sh frontmatter|template|page [SECONDS] [extra libFuzzer flags…]
#
# SwiftPM's executable targets rename the entry point, which gets in the way of libFuzzer's
# main, so each target is compiled here with swiftc: the modules it needs, then its entry point
# in fuzz/. Crashes land in fuzz/crashes/<target>/;
# the corpus grows in fuzz/corpus/<target>/ (seeded from the tests' sample content).
# Keep a crasher as a regression test, then delete it from crashes/.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: fuzz/run.sh frontmatter|template|page [SECONDS]}"
seconds="${2:-600}"
shift $(( $# >= 2 ? 2 : 1 ))
build=".build-fuzz/$target"
mkdir -p "$build" "fuzz/corpus/$target" "fuzz/crashes/$target"

# Each module is compiled on its own (whole-module, with coverage and ASan), then the entry
# point is linked against them with -sanitize=fuzzer.
cov=(-O -wmo -sanitize=fuzzer,address -parse-as-library -enable-testing -I "$build")
module() { # NAME SOURCES…
    local name="$1"; shift
    swiftc "${cov[@]}" -module-name "$name" -emit-module -emit-module-path "$build/$name.swiftmodule" \
        -c "$@" -o "$build/$name.o" "${cflags[@]}"
    objects+=("$build/$name.o")
}
objects=()
cflags=(-I Sources/CCmark -Xcc -fmodule-map-file=Sources/CCmark/module.modulemap
        -I Sources/CGumbo -Xcc -fmodule-map-file=Sources/CGumbo/module.modulemap -I Sources/CUnionsite/include)
module Diagnostics Sources/Diagnostics/*.swift
case "$target" in
    frontmatter) module FrontMatter Sources/FrontMatter/*.swift; entry=fuzz/FuzzFrontMatter.swift ;;
    template) module Template Sources/Template/*.swift Sources/Template/*/*.swift; entry=fuzz/FuzzTemplate.swift ;;
    page)
        # Every C file of the target (the invisible-character scan is one of them).
        for c in Sources/CUnionsite/*.c; do
            clang -c -O1 -fsanitize=fuzzer-no-link,address -ISources/CUnionsite/include "$c" -o "$build/$(basename "$c" .c).o"
            objects+=("$build/$(basename "$c" .c).o")
        done
        printf 'module CUnionsite {\n    header "%s/Sources/CUnionsite/include/cunionsite.h"\n    export *\n}\n' "$PWD" > "$build/cunionsite.modulemap"
        cflags+=(-Xcc -fmodule-map-file="$build/cunionsite.modulemap")
        module FrontMatter Sources/FrontMatter/*.swift
        module Template Sources/Template/*.swift Sources/Template/*/*.swift
        module HTML Sources/HTML/*.swift
        module Markdown Sources/Markdown/*.swift
        module Site Sources/Site/*.swift Sources/Site/*/*.swift
        entry=fuzz/FuzzPage.swift
        ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
esac
swiftc -O -sanitize=fuzzer,address -parse-as-library -I "$build" "${cflags[@]}" "$entry" "${objects[@]}" -lcmark-gfm -lcmark-gfm-extensions -lgumbo -o "$build/fuzz-$target"
if [ -z "$(ls -A "fuzz/corpus/$target")" ]; then
    cp content/news/*/*.md content/honorees/*.md "fuzz/corpus/$target/" 2>/dev/null || true
    [ "$target" = template ] && cp theme/*.html theme/partials/*.html "fuzz/corpus/$target/"
fi
# -detect_leaks=0: LeakSanitizer reports the templates a global engine caches as leaked at exit
# (Swift packs class references into enum payloads with spare bits set, which a conservative
# scanner does not recognise). A real per-input leak still shows as growing rss in the stats.
"$build/fuzz-$target" -max_total_time="$seconds" -detect_leaks=0 -artifact_prefix="fuzz/crashes/$target/" \
    -print_final_stats=1 "$@" "fuzz/corpus/$target"
