#!/usr/bin/python3
"""The roofline's peak on PyTorch's side: GFLOP/s of N x N float32 matrix products on THREADS
intra-op threads, best of 5 timed rounds of 4 (the first round warms up). ThroughputBench.java's
`gemm N THREADS` measures the same through our engine.
usage: /usr/bin/python3 gemm.py N THREADS"""
import json
import sys
import time

import torch


def main():
    n, threads = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    a, b = torch.randn(n, n), torch.randn(n, n)
    best = 0.0
    for r in range(6):
        t0 = time.perf_counter()
        for _ in range(4):
            torch.mm(a, b)
        s = time.perf_counter() - t0
        if r > 0:
            best = max(best, 2.0 * n ** 3 * 4 / s / 1e9)
    print(json.dumps({"engine": "pytorch-eager " + torch.__version__, "gemm": n, "threads": threads,
                      "gflops": round(best, 1)}))


if __name__ == "__main__":
    main()
