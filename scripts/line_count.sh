#!/usr/bin/env bash
# Lines of Swift per module, to keep an eye on growth.
cd "$(dirname "$0")/.."
for d in Sources/*/ Tests/*/; do
    n=$(find "$d" -name '*.swift' -exec cat {} + 2>/dev/null | wc -l)
    printf '%6d  %s\n' "$n" "${d%/}"
done
