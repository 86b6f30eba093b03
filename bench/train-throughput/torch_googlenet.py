#!/usr/bin/python3
"""PyTorch-eager twin of the zoo's googlenet-tv / googlenet with the small stem, trained with the
same recipe as the Java engine (SGD Nesterov 0.9, wd 5e-4, CE + 0.3 * sum(aux CE), label
smoothing 0.1) on the same Fashion-MNIST batches (normalised, random crop with padding 3, flip).
Prints one JSON line: images/s over the timed steps."""
import argparse, gzip, json, os, sys, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def scale(c, w):
    return max(1, int(round(c * w)))


class Conv(nn.Module):
    """torchvision BasicConv2d (conv, BN eps 1e-3, ReLU) or the paper's conv + bias + ReLU."""

    def __init__(self, cin, cout, k, s=1, p=0, bn=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, s, p, bias=not bn)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3) if bn else None

    def forward(self, x):
        x = self.conv(x)
        if self.bn is not None:
            x = self.bn(x)
        return F.relu(x)


TABLE1 = {
    "3a": (64, 96, 128, 16, 32, 32), "3b": (128, 128, 192, 32, 96, 64),
    "4a": (192, 96, 208, 16, 48, 64), "4b": (160, 112, 224, 24, 64, 64),
    "4c": (128, 128, 256, 24, 64, 64), "4d": (112, 144, 288, 32, 64, 64),
    "4e": (256, 160, 320, 32, 128, 128), "5a": (256, 160, 320, 32, 128, 128),
    "5b": (384, 192, 384, 48, 128, 128),
}


class Inception(nn.Module):
    def __init__(self, cin, spec, w, naive, tv):
        super().__init__()
        c1, c3r, c3, c5r, c5, pp = [scale(c, w) for c in spec]
        k5 = 3 if tv else 5
        self.naive = naive
        self.b1 = Conv(cin, c1, 1, bn=tv)
        if naive:
            self.b2 = Conv(cin, c3, 3, p=1, bn=tv)
            self.b3 = Conv(cin, c5, k5, p=k5 // 2, bn=tv)
            self.out = c1 + c3 + c5 + cin
        else:
            self.b2 = nn.Sequential(Conv(cin, c3r, 1, bn=tv), Conv(c3r, c3, 3, p=1, bn=tv))
            self.b3 = nn.Sequential(Conv(cin, c5r, 1, bn=tv), Conv(c5r, c5, k5, p=k5 // 2, bn=tv))
            self.b4 = Conv(cin, pp, 1, bn=tv)
            self.out = c1 + c3 + c5 + pp

    def forward(self, x):
        pool = F.max_pool2d(x, 3, 1, 1, ceil_mode=True)
        last = pool if self.naive else self.b4(pool)
        return torch.cat([self.b1(x), self.b2(x), self.b3(x), last], 1)


class Aux(nn.Module):
    def __init__(self, cin, classes, w, tv):
        super().__init__()
        self.tv = tv
        self.conv = Conv(cin, scale(128, w), 1, bn=tv)
        self.fc1 = nn.Linear(scale(128, w) * 16, scale(1024, w))
        self.fc2 = nn.Linear(scale(1024, w), classes)

    def forward(self, x):
        x = F.adaptive_avg_pool2d(x, 4) if self.tv else F.avg_pool2d(x, 5, 3)
        x = torch.flatten(self.conv(x), 1)
        return self.fc2(F.dropout(F.relu(self.fc1(x)), 0.7, self.training))


class MiniGoogLeNet(nn.Module):
    def __init__(self, cin, classes, w, naive, tv, aux):
        super().__init__()
        self.tv = tv
        self.conv1 = Conv(cin, scale(64, w), 3, p=1, bn=tv)
        self.conv2 = Conv(scale(64, w), scale(64, w), 1, bn=tv)
        self.conv3 = Conv(scale(64, w), scale(192, w), 3, p=1, bn=tv)
        c = scale(192, w)
        self.blocks = nn.ModuleDict()
        self.aux = nn.ModuleDict()
        for name in TABLE1:
            m = Inception(c, TABLE1[name], w, naive, tv)
            self.blocks[name] = m
            c = m.out
            if aux and name in ("4a", "4d"):
                self.aux[name] = Aux(c, classes, w, tv)
        self.fc = nn.Linear(c, classes)

    def forward(self, x):
        x = self.conv1(x)
        if not self.tv:
            x = F.local_response_norm(x, 5, 1e-4, 0.75, 1.0)
        x = self.conv3(self.conv2(x))
        if not self.tv:
            x = F.local_response_norm(x, 5, 1e-4, 0.75, 1.0)
        aux = []
        for name, m in self.blocks.items():
            x = m(x)
            if self.training and name in self.aux:
                aux.append(self.aux[name](x))
            if name == "3b":
                x = F.max_pool2d(x, 3, 2, ceil_mode=True)
            if name == "4e":
                x = F.max_pool2d(x, 2, 2, ceil_mode=True) if self.tv else F.max_pool2d(x, 3, 2, ceil_mode=True)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        x = self.fc(F.dropout(x, 0.2 if self.tv else 0.4, self.training))
        return [x] + aux


def load_fashion(n):
    d = "/usr/share/datasets/fashion-mnist"
    with gzip.open(os.path.join(d, "train-images-idx3-ubyte.gz")) as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)[:n]
    with gzip.open(os.path.join(d, "train-labels-idx1-ubyte.gz")) as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8)[:n]
    x = (torch.from_numpy(x.astype(np.float32) / 255.0) - 0.2860) / 0.3530
    return x, torch.from_numpy(y.astype(np.int64))


def batch(x, y, idx, g, pad):
    xb = x[idx]
    n = xb.shape[0]
    padded = F.pad(xb, (pad, pad, pad, pad), value=(0 - 0.2860) / 0.3530)
    dy, dx = torch.randint(0, 2 * pad + 1, (2,), generator=g).tolist()
    xb = padded[:, :, dy:dy + 28, dx:dx + 28]
    if torch.rand(1, generator=g).item() < 0.5:
        xb = xb.flip(3)
    return xb.contiguous(), y[idx]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="googlenet-tv")
    ap.add_argument("--block", default="reduced")
    ap.add_argument("--width", type=float, default=0.25)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--channels-last", action="store_true")
    ap.add_argument("--aux-weight", type=float, default=0.3)
    ap.add_argument("--print-loss", action="store_true", help="print each step's loss to stderr")
    ap.add_argument("--profile", help="write torch.autograd.profiler's Chrome trace of the timed steps here")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(42)
    tv = a.model == "googlenet-tv"
    net = MiniGoogLeNet(1, 10, a.width, a.block == "naive", tv, a.aux_weight > 0)
    if a.channels_last:
        net = net.to(memory_format=torch.channels_last)
    opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)
    n = a.batch_size * (a.steps + a.warmup)
    x, y = load_fashion(n)
    g = torch.Generator().manual_seed(1)
    perm = torch.randperm(n, generator=g)
    net.train()
    times = []
    prof = None
    for s in range(a.steps + a.warmup):
        if a.profile and s == a.warmup:
            prof = torch.autograd.profiler.profile(record_shapes=True)
            prof.__enter__()
        t0 = time.perf_counter()
        xb, yb = batch(x, y, perm[s * a.batch_size:(s + 1) * a.batch_size], g, 3)
        if a.channels_last:
            xb = xb.contiguous(memory_format=torch.channels_last)
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
    if prof is not None:
        prof.__exit__(None, None, None)
        prof.export_chrome_trace(a.profile)
    print(json.dumps({"engine": "pytorch-eager " + torch.__version__, "model": a.model, "block": a.block,
                      "width": a.width, "channelsLast": a.channels_last, "threads": a.threads,
                      "imagesPerSec": a.batch_size * len(times) / sum(times),
                      "params": sum(p.numel() for p in net.parameters() if p.requires_grad)}))


if __name__ == "__main__":
    main()
