#!/usr/bin/env python3
"""Compares what oneDNN ran for two engines over the same training steps, primitive by primitive.

Usage: onednn.py OURS.log TORCH.log STEPS [--top N]

Both logs are the standard output of a bench run with ONEDNN_VERBOSE=1 (DNNL_VERBOSE=1 as well
for PyTorch 1.13's oneDNN 2.6), over STEPS training steps in all (warm-up included): oneDNN 3.x
writes "onednn_verbose,v1,primitive,exec,...", 2.x "onednn_verbose,exec,...". Unlike libtorch's
profiler, this times the primitive alone (no output allocation, no profiler of its own), and it
names the implementation oneDNN chose and the memory formats of every argument (acdb is
channels-last, Acdb16a and ABcd8b8a blocked weights).

Our engine runs one evaluation batch after training; its calls come after the last backward
primitive and are left out. Times are the median call (robust to the first, cold call and to a
busy machine's outliers) times the calls a step. The first table sums them per primitive kind and direction; the second lists the problems
(shapes) whose time differs most, with each side's implementation and formats.
"""
import argparse
import collections
import statistics


def load(path):
    """{(primitive, direction, problem): [exec ms...]} and {key: (implementation, formats)}, up to
    the last backward primitive (what follows it, our evaluation batch, is not training)."""
    calls = []
    what = {}
    with open(path, errors="replace") as f:
        for line in f:
            if not line.startswith("onednn_verbose") and not line.startswith("dnnl_verbose"):
                continue
            fields = line.rstrip("\n").split(",")
            if fields[1] == "v1":
                fields = fields[:1] + fields[2:]
            if fields[1] == "primitive":
                fields = fields[:1] + fields[2:]
            if len(fields) < 10 or fields[1] != "exec":
                continue
            # verbose, exec, engine, primitive, implementation, direction, formats, attributes,
            # auxiliary, problem, time
            key = (fields[3], fields[5], fields[-2])
            calls.append((key, float(fields[-1])))
            what[key] = (fields[4], " ".join(fields[6].split()))
    last = max((i for i, (key, _) in enumerate(calls) if key[1].startswith("backward")), default=len(calls) - 1)
    times = collections.defaultdict(list)
    for key, ms in calls[: last + 1]:
        times[key].append(ms)
    return times, what


def per_step(calls, steps):
    """(calls a step, ms a step): the median call times the calls a step."""
    n = round(len(calls) / steps)
    return n, (statistics.median(calls) * n if calls else 0.0)


Row = collections.namedtuple("Row", "key ours_calls ours_ms torch_calls torch_ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ours")
    ap.add_argument("torch")
    ap.add_argument("steps", type=int)
    ap.add_argument("--top", type=int, default=15)
    a = ap.parse_args()
    ours, ours_what = load(a.ours)
    torch, torch_what = load(a.torch)
    rows = [Row(key, *per_step(ours.get(key, []), a.steps), *per_step(torch.get(key, []), a.steps))
            for key in sorted(set(ours) | set(torch))]
    kinds = collections.defaultdict(list)
    for r in rows:
        kinds[r.key[:2]].append(r)

    def total(rs, field):
        return sum(getattr(r, field) for r in rs)

    print("| primitive | direction | calls/step ours | calls/step torch | ms/step ours | ms/step torch | difference ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for (prim, direction), rs in sorted(kinds.items(), key=lambda kv: -abs(total(kv[1], "ours_ms") - total(kv[1], "torch_ms"))):
        o, t = total(rs, "ours_ms"), total(rs, "torch_ms")
        print(f"| {prim} | {direction} | {total(rs, 'ours_calls')} | {total(rs, 'torch_calls')} | {o:.1f} | {t:.1f} | {o - t:+.1f} |")
    o, t = total(rows, "ours_ms"), total(rows, "torch_ms")
    print(f"| **all** | | | | {o:.1f} | {t:.1f} | {o - t:+.1f} |")
    print()
    print("| problem | direction | ms/step ours | implementation, formats ours | ms/step torch | implementation, formats torch |")
    print("| --- | --- | ---: | --- | ---: | --- |")
    for r in sorted(rows, key=lambda r: -abs(r.ours_ms - r.torch_ms))[: a.top]:
        ow = " ".join(ours_what.get(r.key, ("—", "")))
        tw = " ".join(torch_what.get(r.key, ("—", "")))
        print(f"| {r.key[0]} {r.key[2]} | {r.key[1]} | {r.ours_ms:.2f} | {ow} | {r.torch_ms:.2f} | {tw} |")


if __name__ == "__main__":
    main()
