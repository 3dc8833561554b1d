#!/usr/bin/env bash
# Rewrites the key tables of docs/recipes.md, docs/sft.md, docs/distill.md and docs/pretrain.md from `grpo recipe-keys`
# (the list the recipe readers use), between their `<!-- recipe-keys COMMAND -->` and `<!-- end recipe-keys -->` lines.
set -euo pipefail
cd "$(dirname "$0")/.."
grpo=${GRPO:-.build/release/grpo}
for pair in train:recipes sft:sft distill:distill pretrain:pretrain; do
    command=${pair%%:*} doc=docs/${pair##*:}.md
    "$grpo" recipe-keys "$command" > /tmp/recipe-keys.$$
    python3 - "$doc" "$command" /tmp/recipe-keys.$$ <<'PY'
import sys
doc, command, tables = sys.argv[1], sys.argv[2], open(sys.argv[3]).read()
text = open(doc).read()
begin, end = f"<!-- recipe-keys {command} -->\n", "<!-- end recipe-keys -->\n"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(doc, "w").write(head + begin + tables + end + tail)
PY
done
rm -f /tmp/recipe-keys.$$
