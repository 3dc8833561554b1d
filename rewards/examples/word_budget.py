#!/usr/bin/env python3
"""Reward plugin: 1.0 when the completion stays within the example's word budget, falling linearly to 0
at twice the budget. Not applicable (null) when the example has no "max_words" field.

Protocol (rewards/README.md): one JSON request per line on stdin, one JSON response per line on stdout.
"""
import json
import sys

for line in sys.stdin:
    request = json.loads(line)
    budget = request.get("max_words")
    if budget is None:
        print("null", flush=True)
        continue
    words = len(request["completion"].split())
    reward = 1.0 if words <= budget else max(0.0, 2.0 - words / budget)
    print(json.dumps({"reward": reward, "info": {"words": words, "budget": budget}}), flush=True)
