#!/usr/bin/env python3
"""Compares two libtorch profiles of the same training steps, operator by operator.

Usage: profile.py OURS.json TORCH.json STEPS [--top N]

Both files are Chrome traces: ours from libtorch's profiler reached through DJL
(ThroughputBench.java --profile), the peer's from torch.autograd.profiler
(torch_train.py --profile). For every operator name the table gives the calls per step and
the self time per step (its own time, its children's taken off) on each side, sorted by the
difference in self time, so the rows at the top account for most of the gap between the two.
"""
import argparse
import collections
import json


def load(path):
    with open(path) as f:
        d = json.load(f)
    events = d["traceEvents"] if isinstance(d, dict) else d
    return [e for e in events if e.get("ph") == "X" and "dur" in e]


def self_times(events):
    """(calls, self µs, total µs of top-level ops) per operator name; nesting per thread."""
    calls = collections.Counter()
    own = collections.Counter()
    by_thread = collections.defaultdict(list)
    for e in events:
        by_thread[(e.get("pid"), e.get("tid"))].append(e)
    top = 0.0
    for evs in by_thread.values():
        evs.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # [end, name, child time]
        for e in evs:
            ts, dur = float(e["ts"]), float(e["dur"])
            while stack and stack[-1][0] <= ts:
                end, name, child, start = stack.pop()
                own[name] += (end - start) - child
            if stack:
                stack[-1][2] += dur
            else:
                top += dur
            calls[e["name"]] += 1
            stack.append([ts + dur, e["name"], 0.0, ts])
        while stack:
            end, name, child, start = stack.pop()
            own[name] += (end - start) - child
    return calls, own, top


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ours")
    ap.add_argument("torch")
    ap.add_argument("steps", type=int)
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    oc, oo, ot = self_times(load(a.ours))
    tc, to, tt = self_times(load(a.torch))
    n = a.steps
    names = set(oc) | set(tc)
    rows = sorted(names, key=lambda k: -abs(oo[k] - to[k]))
    print("| operator | calls/step ours | calls/step torch | self ms/step ours | self ms/step torch | difference ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for k in rows[: a.top]:
        print("| %s | %.0f | %.0f | %.2f | %.2f | %+.2f |" % (
            k, oc[k] / n, tc[k] / n, oo[k] / n / 1e3, to[k] / n / 1e3, (oo[k] - to[k]) / n / 1e3))
    so, st = sum(oo.values()), sum(to.values())
    print("| **all operators** | %.0f | %.0f | %.2f | %.2f | %+.2f |" % (
        sum(oc.values()) / n, sum(tc.values()) / n, so / n / 1e3, st / n / 1e3, (so - st) / n / 1e3))


if __name__ == "__main__":
    main()
