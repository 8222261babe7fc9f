#!/usr/bin/env bash
# Renders the article page with unionsite's engine, Stencil and swift-mustache; prints renders/s.
# Extra arguments go to the benchmark, e.g. `Benchmarks/run.sh --iterations 5000`.
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift run -c release --package-path Benchmarks TemplateBench "$@"
