#!/bin/sh
# Reward plugin in plain shell: 1 when the completion ends with a full stop, else 0.
# Requests arrive as compact JSON with sorted keys, and "prompt" sorts after "completion", so a completion
# ending in a full stop shows as `.",` before the next field: line matching, no JSON library needed.
while IFS= read -r request; do
    case "$request" in
        *'"completion":"'*'.",'*) printf '{"reward": 1, "info": {"ends_with": "."}}\n' ;;
        *) printf '{"reward": 0, "info": {}}\n' ;;
    esac
done
