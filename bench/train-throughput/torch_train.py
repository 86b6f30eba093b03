#!/usr/bin/python3
"""PyTorch eager's side of the throughput bench: the PyTorch peer of a zoo network (twins/: our
twin with the small stem, torchvision's own model with the ImageNet stem), trained with the same
recipe as the Java engine (SGD Nesterov 0.9, wd 5e-4, CE + aux weight * sum(aux CE), label
smoothing 0.1) on the same Fashion-MNIST batches (normalised, resized once if asked, random crop
with padding 3, flip). Prints one JSON line: images/s over the timed steps, and the minor page
faults a timed step takes."""
import argparse, gzip, json, os, resource, sys, time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from twins import registry  # noqa: E402


def load_fashion(n, size):
    d = "/usr/share/datasets/fashion-mnist"
    with gzip.open(os.path.join(d, "train-images-idx3-ubyte.gz")) as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)[:n]
    with gzip.open(os.path.join(d, "train-labels-idx1-ubyte.gz")) as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8)[:n]
    x = (torch.from_numpy(x.astype(np.float32) / 255.0) - 0.2860) / 0.3530
    if size != 28:  # resized once, before the timed steps, as the lab's loader does
        x = F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
    return x, torch.from_numpy(y.astype(np.int64))


def batch(x, y, idx, g, pad):
    xb = x[idx]
    n = xb.shape[0]
    padded = F.pad(xb, (pad, pad, pad, pad), value=(0 - 0.2860) / 0.3530)
    dy, dx = torch.randint(0, 2 * pad + 1, (2,), generator=g).tolist()
    side = xb.shape[-1]
    xb = padded[:, :, dy:dy + side, dx:dx + side]
    if torch.rand(1, generator=g).item() < 0.5:
        xb = xb.flip(3)
    return xb.contiguous(), y[idx]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="googlenet-tv")
    ap.add_argument("--block", default="reduced")
    ap.add_argument("--width", type=float, default=0.25)
    ap.add_argument("--stem", default="small", help="small: our twin; imagenet: torchvision's own model")
    ap.add_argument("--image-size", type=int, default=28)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--channels-last", action="store_true")
    ap.add_argument("--aux-weight", type=float, default=0.3)
    ap.add_argument("--precision", choices=["fp32", "bf16"], default="fp32",
                    help="bf16: CPU autocast (bf16 convolutions and matmuls, fp32 weights and loss)")
    ap.add_argument("--print-loss", action="store_true", help="print each step's loss to stderr")
    ap.add_argument("--profile", help="write torch.autograd.profiler's Chrome trace of the timed steps here")
    ap.add_argument("--perf-control", help="perf record's control FIFO: 'enable' and 'disable' are written"
                    " to it around the timed steps (see perf_ops.sh)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(42)
    net = registry.build(a.model, a.width, 1, 10, a.aux_weight > 0, block=a.block, stem=a.stem)
    if a.channels_last:
        net = net.to(memory_format=torch.channels_last)
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)
    n = a.batch_size * (a.steps + a.warmup)
    x, y = load_fashion(n, a.image_size)
    g = torch.Generator().manual_seed(1)
    perm = torch.randperm(n, generator=g)
    net.train()
    times = []
    prof = None
    faults = 0
    for s in range(a.steps + a.warmup):
        if s == a.warmup:
            faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            if a.profile:
                prof = torch.autograd.profiler.profile(record_shapes=True)
                prof.__enter__()
            if a.perf_control:
                perf_command(a.perf_control, "enable")
        t0 = time.perf_counter()
        xb, yb = batch(x, y, perm[s * a.batch_size:(s + 1) * a.batch_size], g, 3)
        if a.channels_last:
            xb = xb.contiguous(memory_format=torch.channels_last)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=a.precision == "bf16"):
            out = net(xb)
            main = F.cross_entropy(out[0], yb, label_smoothing=0.1)
            loss = main
            for o in out[1:]:
                loss = loss + a.aux_weight * F.cross_entropy(o, yb, label_smoothing=0.1)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        value = loss.item()
        if a.print_loss:
            # the lab's metric names: train_loss is the main head's, train_total_loss the optimised
            print("step", s + 1, "train_loss", round(main.item(), 4), "train_total_loss",
                  round(value, 4), file=sys.stderr, flush=True)
        if s >= a.warmup:
            times.append(time.perf_counter() - t0)
    if a.perf_control:
        perf_command(a.perf_control, "disable")
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
    if prof is not None:
        prof.__exit__(None, None, None)
        prof.export_chrome_trace(a.profile)
    print(json.dumps({"engine": "pytorch-eager " + torch.__version__, "model": a.model, "block": a.block,
                      "width": a.width, "stem": a.stem, "imageSize": a.image_size,
                      "batchSize": a.batch_size, "channelsLast": a.channels_last, "precision": a.precision, "threads": a.threads,
                      "imagesPerSec": a.batch_size * len(times) / sum(times),
                      "params": sum(p.numel() for p in net.parameters() if p.requires_grad),
                      "minorFaultsPerStep": faults // a.steps}))


def perf_command(fifo, command):
    with open(fifo, "w") as f:
        f.write(command + "\n")


if __name__ == "__main__":
    main()
