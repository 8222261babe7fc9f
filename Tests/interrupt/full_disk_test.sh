#!/usr/bin/env bash
# A build that runs out of disk space fails with the path and the reason, leaves the last good
# site byte-identical and removes what it had written (staging folder, files beside their targets). Uses a small tmpfs, so it needs root (as
# CI has); elsewhere it says it was skipped.
# Usage: Tests/interrupt/full_disk_test.sh BINARY
set -euo pipefail
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
disk="$work/disk"
mkdir -p "$disk"
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=3m tmpfs "$disk" 2>/dev/null; then
    echo "full disk test: SKIPPED (needs root to mount a small tmpfs)"
    rm -rf "$work"
    exit 0
fi
trap 'umount "$disk" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$repo/content" "$repo/site.yml" "$work/"
"$binary" build --quiet --source "$work" --output "$disk/public"
before="$(cd "$disk/public" && find . -type f -print0 | sort -z | xargs -0 sha1sum | sha1sum)"
# An attachment 200 KB larger than the space left: the new site no longer fits.
free="$(df -B1 --output=avail "$disk" | tail -1 | tr -d ' ')"
head -c "$((free + 200000))" /dev/urandom > "$work/content/news/big.bin"
if "$binary" build --quiet --source "$work" --output "$disk/public" 2> "$work/err.txt"; then
    echo "full disk test: FAILED: the build succeeded on a full disk" >&2; exit 1
fi
grep -q "No space left on device" "$work/err.txt" || { echo "full disk test: FAILED: unexpected error:" >&2; cat "$work/err.txt" >&2; exit 1; }
after="$(cd "$disk/public" && find . -type f -print0 | sort -z | xargs -0 sha1sum | sha1sum)"
[ "$before" = "$after" ] || { echo "full disk test: FAILED: public/ changed" >&2; exit 1; }
leftovers="$(find "$disk" -maxdepth 1 -name '.public.*' | wc -l)"
[ "$leftovers" -eq 0 ] || { echo "full disk test: FAILED: staging folder left behind" >&2; exit 1; }
scratch="$(find "$disk/public" -name '*.unionsite-*' | wc -l)"
[ "$scratch" -eq 0 ] || { echo "full disk test: FAILED: half-written files left in public/" >&2; exit 1; }
echo "full disk test: the build failed with \"$(head -1 "$work/err.txt" | cut -c1-120)\"; public/ unchanged, no staging folder left"
# A new site that does not fit: no public/ appears and the staging folder is removed.
rm -rf "$disk/public"
if "$binary" build --quiet --source "$work" --output "$disk/public" 2> "$work/err2.txt"; then
    echo "full disk test: FAILED: a new site was built on a full disk" >&2; exit 1
fi
grep -q "No space left on device" "$work/err2.txt" || { echo "full disk test: FAILED: unexpected error:" >&2; cat "$work/err2.txt" >&2; exit 1; }
[ ! -e "$disk/public" ] || { echo "full disk test: FAILED: a half-built public/ appeared" >&2; exit 1; }
[ "$(find "$disk" -mindepth 1 -maxdepth 1 | wc -l)" -eq 0 ] || { echo "full disk test: FAILED: left behind: $(ls -A "$disk")" >&2; exit 1; }
echo "full disk test: a new site that does not fit failed the same way and left nothing behind"
