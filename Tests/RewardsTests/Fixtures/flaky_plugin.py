#!/usr/bin/env python3
"""Test plugin that misbehaves on request: completion "crash" exits, "garbage" answers a non-JSON line,
"bad_reward" answers a string reward, "sleep" never answers in time, "skip" answers null; anything else
scores its length. Every answer carries the process id so a test can see restarts."""
import json
import os
import sys
import time

for line in sys.stdin:
    completion = json.loads(line)["completion"]
    if completion == "crash":
        sys.stderr.write("flaky plugin: crashing as asked\n")
        sys.exit(3)
    if completion == "garbage":
        print("this is not json", flush=True)
    elif completion == "bad_reward":
        print(json.dumps({"reward": "high"}), flush=True)
    elif completion == "sleep":
        time.sleep(30)
    elif completion == "skip":
        print("null", flush=True)
    else:
        print(json.dumps({"reward": len(completion), "info": {"pid": os.getpid()}}), flush=True)
