#!/usr/bin/env python3
"""Prints one markdown table of the trials of the given sweeps, as the recipe study reads them.

Usage: bench/recipes/table.py SERVER SWEEP_ID...   (e.g. http://127.0.0.1:8080 mx4tbu9n7ab9)

Per trial: the recipe parameters that vary across all the sweeps given, test and validation
top-1, the main head's training loss at the first logged step, its peak and the peak's ratio to
the first (the overshoot bound of issue 18 is 1.5×), wall seconds and images/s, read from the
server's /results and /metrics. The sweeps' own names say what each screened.
"""
import json
import sys
import urllib.request

RECIPE = ["optimizer", "lr", "weightDecay", "batchSize", "warmupEpochs", "gradClip",
          "block", "model", "limitTrain"]


def get(server, path):
    with urllib.request.urlopen(server + path) as r:
        return json.load(r)


def main():
    server, ids = sys.argv[1].rstrip("/"), sys.argv[2:]
    rows = []
    for sid in ids:
        sweep = get(server, f"/api/sweeps/{sid}")
        for r in get(server, f"/api/sweeps/{sid}/results"):
            if r["state"] != "completed":
                continue
            pts = get(server, f"/api/trials/{r['trial']}/metrics?name=train_loss")
            losses = [p["value"] for p in pts]
            rows.append((sweep["name"], r, losses))
    varying = [k for k in RECIPE if len({json.dumps(r["parameters"].get(k)) for _, r, _ in rows}) > 1]
    head = ["sweep", "trial"] + varying + ["test top-1", "val top-1", "first loss", "peak loss",
                                           "peak/first", "seconds", "img/s"]
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---"] * 2 + ["---:"] * (len(head) - 2)) + "|")
    for name, r, losses in rows:
        first = losses[0] if losses else float("nan")
        peak = max(losses) if losses else float("nan")
        cells = [name, r["trial"]] + [str(r["parameters"].get(k)) for k in varying] + [
            f"{100 * r['testAccuracy']:.2f}%", f"{100 * r['bestValAccuracy']:.2f}%",
            f"{first:.3f}", f"{peak:.3f}", f"{peak / first:.2f}×",
            f"{r['seconds']:.0f}", f"{r['imagesPerSec']:.0f}"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
