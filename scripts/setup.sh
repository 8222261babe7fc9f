#!/usr/bin/env bash
# Installs what unionsite needs to build on a fresh Debian machine: libcmark-gfm (Markdown, with
# GitHub's extensions), gumbo (the HTML5 parser that sanitizes raw HTML), OpenCC (Simplified and
# Traditional Chinese, with its dictionaries) and libvips (photos).
# Safe to run again: it installs only what is missing.
set -euo pipefail

missing=()
for pkg in libcmark-gfm-dev libcmark-gfm-extensions-dev libgumbo-dev libopencc-dev libvips-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (Swift 6 toolchain needed)" >&2; exit 1; }
