#!/usr/bin/python3
"""Checks a PyTorch peer against the zoo: params and MACs equal to `./inception flops --json` of
the same model, width, stem and input, with 10 classes. Exit 1 on a difference. INCEPTION names
the launcher (default: the repository's ./inception).
usage: /usr/bin/python3 bench/train-throughput/twins/check.py MODEL [--block B] [--stem S]
       [--input CxHxW] WIDTH..."""
import argparse
import json
import os
import subprocess
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from twins import count, registry  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def ours(a, width):
    launcher = os.environ.get("INCEPTION", os.path.join(ROOT, "inception"))
    out = subprocess.run([launcher, "flops", "--model", a.model, "--block", a.block, "--width", str(width),
                          "--stem", a.stem, "--input", a.input, "--classes", "10", "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("widths", nargs="*", type=float, default=[0.25, 0.5])
    ap.add_argument("--block", default="reduced")
    ap.add_argument("--stem", default="small")
    ap.add_argument("--input", default="1x28x28")
    a = ap.parse_intermixed_args()
    shape = [int(d) for d in a.input.split("x")]
    bad = 0
    for w in a.widths:
        net = registry.build(a.model, w, shape[0], 10, aux=False, block=a.block, stem=a.stem)
        p, m = count.params(net), count.macs(net, torch.zeros([1] + shape))
        o = ours(a, w)
        ok = p == o["params"] and m == o["macs"]
        bad += not ok
        print("%-20s %-8s %-8s %-9s width %-5s params %10d ours %10d | MACs %12d ours %12d  %s"
              % (a.model, a.block, a.stem, a.input, w, p, o["params"], m, o["macs"], "ok" if ok else "DIFFERENT"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
