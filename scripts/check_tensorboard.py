"""TensorBoard reads the event files a SwiftGRPO run writes: every metric of metrics.jsonl is a scalar
series with the same values. Usage: check_tensorboard.py RUN_DIR"""
import json
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def main():
    run = sys.argv[1]
    acc = EventAccumulator(run)
    acc.Reload()
    tags = set(acc.Tags()["scalars"])
    lines = [json.loads(line) for line in open(f"{run}/metrics.jsonl")]
    worst, missing = 0.0, []
    for row in lines:
        for key, value in row.items():
            if key == "step" or not isinstance(value, (int, float)):
                continue
            if key not in tags:
                missing.append(key)
                continue
            series = {e.step: e.value for e in acc.Scalars(key)}
            worst = max(worst, abs(series[row["step"]] - value) / max(1.0, abs(value)))
    ok = not missing and worst < 1e-6
    print(f"{'ok ' if ok else 'FAIL'} tensorboard reads {len(tags)} metrics over {len(lines)} steps "
          f"(max relative difference {worst:.1e}{', missing ' + ', '.join(sorted(set(missing))) if missing else ''})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
