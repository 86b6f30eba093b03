#!/usr/bin/env python3
"""Writes the search bench's tabular benchmark from a finished zoo-table sweep
(bench/search/zoo-table.yaml), as CSV on stdout: one row per configuration, the searched
parameters (block empty where the model takes none), then what the trial measured.

    bench/search/zoo_table.py --server http://127.0.0.1:8080 SWEEP_ID > bench/search/zoo-table.csv

val_accuracy is the objective a sweep reads (the last epoch's validation accuracy; one epoch here).
Refuses (exit 2) a sweep with a trial that did not complete, so the table is the whole grid."""
import argparse
import csv
import json
import sys
import urllib.request

SEARCHED = ("model", "block", "width", "optimizer", "lr", "labelSmoothing")
MEASURED = ("val_accuracy", "test_accuracy", "macs", "params", "seconds")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server", default="http://127.0.0.1:8080")
    ap.add_argument("sweep")
    a = ap.parse_args()
    with urllib.request.urlopen(f"{a.server}/api/sweeps/{a.sweep}/results") as r:
        rows = json.load(r)
    with urllib.request.urlopen(f"{a.server}/api/parameters") as r:
        takes = {p["name"]: p["models"] for p in json.load(r)}  # None: every model
    bad = [r["trial"] for r in rows if r["state"] != "completed"]
    if bad:
        print(f"zoo_table.py: {len(bad)} trials did not complete ({', '.join(bad[:5])}...)",
              file=sys.stderr)
        sys.exit(2)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(SEARCHED + MEASURED)
    for r in sorted(rows, key=lambda r: r["index"]):
        p = r["parameters"]
        out.writerow([p[k] if takes[k] is None or p["model"] in takes[k] else "" for k in SEARCHED]
                     + [
                        f"{r['finalValAccuracy']:.4f}", f"{r['testAccuracy']:.4f}", r["macs"],
                        r["params"], f"{r['seconds']:.1f}"])


if __name__ == "__main__":
    main()
