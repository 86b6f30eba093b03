"""Reads SearchBench's and optuna_peer.py's JSON lines and prints the bench's tables (Markdown)."""
import csv
import functools
import json
import os
import statistics
import sys


@functools.cache
def zoo_table():
    """The zoo table's rows, read once."""
    with open(os.environ.get("ZOO_TABLE", "bench/search/zoo-table.csv")) as f:
        return list(csv.DictReader(f))


def reference(function):
    """The hypervolume's reference point: ZDT1's usual one; for the zoo (−accuracy, MACs in
    millions), accuracy 0 and a tenth beyond the table's largest network."""
    if function == "zdt1":
        return (1.1, 11.0)  # f1 in [0, 1], f2 in [0, 10]
    return (0.0, 1.1 * max(float(r["macs"]) for r in zoo_table()) / 1e6)


def budgets(runs):
    b = len(runs[0]["best"])
    return (b // 5, b // 2, b)


def quartiles(v):
    v = sorted(v)
    q = statistics.quantiles(v, n=4, method="inclusive") if len(v) > 1 else [v[0]] * 3
    return q[0], statistics.median(v), q[2]


def hv2(points, ref):
    pts = sorted(p for p in points if p[0] < ref[0] and p[1] < ref[1])
    vol, best = 0.0, ref[1]
    for x, y in pts:
        if y < best:
            vol += (ref[0] - x) * (best - y)
            best = y
    return vol


def main(files):
    rows = [json.loads(line) for f in files for line in open(f) if line.startswith("{")]
    quality = [r for r in rows if r["bench"] == "quality"]
    mo = [r for r in rows if r["bench"] == "mo"]
    speed = [r for r in rows if r["bench"] == "speed"]
    settings = [r for r in rows if r["bench"] == "settings"]
    if settings:
        seeds = len({r["seed"] for r in settings})
        fns = sorted({r["function"] for r in settings})
        at = budgets(settings)
        print(f"**The TPE defaults' choice**: our TPE's median best after N trials over {seeds}"
              f" seeds, per bandwidth rule and number of candidates (lower is better; the"
              f" defaults: neighbour, 48).\n")
        print("| rule, candidates | " + " | ".join(f"{f} after {n}" for f in fns for n in at) + " |")
        print("| --- | " + " | ".join("---:" for _ in fns for _ in at) + " |")
        for s in dict.fromkeys(r["sampler"] for r in settings):
            cells = []
            for f in fns:
                rs = [r for r in settings if r["sampler"] == s and r["function"] == f]
                cells += [f"{statistics.median(r['best'][n - 1] for r in rs):.4f}" for n in at]
            print(f"| {s} | " + " | ".join(cells) + " |")
        print()
    for fn in sorted({r["function"] for r in quality}, key=lambda f: (f == "zoo", f)):
        runs = [r for r in quality if r["function"] == fn]
        at = budgets(runs)
        seeds = len({r["seed"] for r in runs})
        if fn == "zoo":
            best = max(float(r["val_accuracy"]) for r in zoo_table())
            print(f"**Tabular benchmark** (zoo-table.csv, {len(zoo_table())} real trials): best"
                  f" −val_accuracy after N trials (lower is better; the table's best is"
                  f" −{best:.4f}), median [quartiles] over {seeds} seeds; last column: trials until"
                  f" the run first reaches random search's median best after {at[-1]} (median over"
                  f" seeds; >N: never).\n")
        else:
            print(f"**Search quality**: best value after N trials (lower is better), median"
                  f" [quartiles] over {seeds} seeds; last column: trials until the run first"
                  f" reaches random search's median best after {at[-1]} (median over seeds; >N:"
                  f" never).\n")
        print("| function | sampler | " + " | ".join(f"best after {n}" for n in at)
              + " | trials to random's best |")
        print("| --- | --- | " + " | ".join("---:" for _ in at) + " | ---: |")
        target = statistics.median(
            r["best"][at[-1] - 1] for r in runs if r["sampler"] == "random")
        for s in sorted({r["sampler"] for r in runs}, key=order):
            rs = [r for r in runs if r["sampler"] == s]
            cells = []
            for n in at:
                q1, m, q3 = quartiles([r["best"][n - 1] for r in rs])
                cells.append(f"{m:.4f} [{q1:.4f}, {q3:.4f}]")
            reach = [next((i + 1 for i, b in enumerate(r["best"]) if b <= target),
                          len(r["best"]) + 1) for r in rs]
            med = statistics.median(reach)
            print(f"| {fn} | {s} | " + " | ".join(cells)
                  + f" | {med:g}{'' if med <= at[-1] else ' (>N)'} |")
        print()
    for fn in sorted({r["function"] for r in mo}, key=lambda f: (f == "zoo", f)):
        runs = [r for r in mo if r["function"] == fn]
        budget = len(runs[0]["points"])
        seeds = len({r["seed"] for r in runs})
        ref = reference(fn)
        what = ("ZDT1, 6 variables" if fn == "zdt1"
                else "the tabular benchmark: −val_accuracy and MACs in millions")
        print(f"**Two objectives** ({what}, {budget} trials): hypervolume of all trials' front up"
              f" to ({ref[0]:g}, {ref[1]:.4g}), higher is better, median [quartiles] over {seeds}"
              f" seeds.\n")
        print("| sampler | hypervolume |\n| --- | ---: |")
        for s in sorted({r["sampler"] for r in runs}, key=order):
            q1, m, q3 = quartiles([hv2(r["points"], ref) for r in runs if r["sampler"] == s])
            print(f"| {s} | {m:.3f} [{q1:.3f}, {q3:.3f}] |")
        print()
    if speed:
        print("**Sampler speed**: proposals per second with N completed trials in the history"
              " (Hartmann-6 + one categorical; wall clock and per CPU-second of the sampling"
              " thread/process). Ours: the sweep's sampler, which remembers the configurations it"
              " has read; cold: a new sampler per proposal, reading every configuration again.\n")
        print("| completed trials | ours /s | ours /CPU-s | ours cold /s | Optuna /s |"
              " Optuna /CPU-s | ours ÷ Optuna (CPU) |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for n in sorted({r["n"] for r in speed}):
            o = next(r for r in speed if r["n"] == n and r["sampler"] == "ours-tpe")
            c = next((r for r in speed if r["n"] == n and r["sampler"] == "ours-tpe-cold"), None)
            p = next(r for r in speed if r["n"] == n and r["sampler"] == "optuna-tpe")
            cold = f"{c['per_s']:.1f}" if c else "—"
            print(f"| {n:,} | {o['per_s']:.1f} | {o['per_cpu_s']:.1f} | {cold} | {p['per_s']:.2f} |"
                  f" {p['per_cpu_s']:.2f} | {o['per_cpu_s'] / p['per_cpu_s']:.0f}× |")


def order(s):
    return (0 if s.startswith("ours") else 1 if s.startswith("optuna") and "random" not in s
            else 2, s)


if __name__ == "__main__":
    main(sys.argv[1:])
