"""Reads SearchBench's and optuna_peer.py's JSON lines and prints the bench's tables (Markdown)."""
import json
import statistics
import sys

QUALITY_AT = (20, 50, 100)
REF = (1.1, 11.0)  # ZDT1: f1 in [0, 1], f2 in [0, 10]


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
    if quality:
        seeds = len({r["seed"] for r in quality})
        print(f"**Search quality**: best value after N trials (lower is better), median [quartiles]"
              f" over {seeds} seeds; last column: trials until the run first reaches random"
              f" search's median best after {QUALITY_AT[-1]} (median over seeds; >N: never).\n")
        print("| function | sampler | " + " | ".join(f"best after {n}" for n in QUALITY_AT)
              + " | trials to random's best |")
        print("| --- | --- | " + " | ".join("---:" for _ in QUALITY_AT) + " | ---: |")
        for fn in sorted({r["function"] for r in quality}):
            runs = [r for r in quality if r["function"] == fn]
            target = statistics.median(
                r["best"][QUALITY_AT[-1] - 1] for r in runs if r["sampler"] == "random")
            for s in sorted({r["sampler"] for r in runs}, key=order):
                rs = [r for r in runs if r["sampler"] == s]
                cells = []
                for n in QUALITY_AT:
                    q1, m, q3 = quartiles([r["best"][n - 1] for r in rs])
                    cells.append(f"{m:.4f} [{q1:.4f}, {q3:.4f}]")
                reach = [next((i + 1 for i, b in enumerate(r["best"]) if b <= target),
                              len(r["best"]) + 1) for r in rs]
                med = statistics.median(reach)
                print(f"| {fn} | {s} | " + " | ".join(cells)
                      + f" | {med:g}{'' if med <= QUALITY_AT[-1] else ' (>N)'} |")
        print()
    if mo:
        budget = len(mo[0]["points"])
        seeds = len({r["seed"] for r in mo})
        print(f"**Two objectives** (ZDT1, 6 variables, {budget} trials): hypervolume of all"
              f" trials' front up to ({REF[0]}, {REF[1]}), higher is better, median [quartiles]"
              f" over {seeds} seeds.\n")
        print("| sampler | hypervolume |\n| --- | ---: |")
        for s in sorted({r["sampler"] for r in mo}, key=order):
            q1, m, q3 = quartiles([hv2(r["points"], REF) for r in mo if r["sampler"] == s])
            print(f"| {s} | {m:.3f} [{q1:.3f}, {q3:.3f}] |")
        print()
    if speed:
        print("**Sampler speed**: proposals per second with N completed trials in the history"
              " (Hartmann-6 + one categorical; wall clock and per CPU-second of the sampling"
              " thread/process).\n")
        print("| completed trials | ours /s | ours /CPU-s | Optuna /s | Optuna /CPU-s |"
              " ours ÷ Optuna (CPU) |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for n in sorted({r["n"] for r in speed}):
            o = next(r for r in speed if r["n"] == n and r["sampler"] == "ours-tpe")
            p = next(r for r in speed if r["n"] == n and r["sampler"] == "optuna-tpe")
            print(f"| {n:,} | {o['per_s']:.1f} | {o['per_cpu_s']:.1f} | {p['per_s']:.2f} |"
                  f" {p['per_cpu_s']:.2f} | {o['per_cpu_s'] / p['per_cpu_s']:.0f}× |")


def order(s):
    return (0 if s.startswith("ours") else 1 if s.startswith("optuna") and "random" not in s
            else 2, s)


if __name__ == "__main__":
    main(sys.argv[1:])
