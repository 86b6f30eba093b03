"""PyTorch-eager twin of lab.inception.worker.model.BNInception (the zoo's `bn-inception`) with the
small stem: BN-Inception (Ioffe & Szegedy 2015, Figure 5) as Cadene's pretrainedmodels.bninception
builds it. Every conv keeps its bias and is followed by BN (eps 1e-5) and ReLU; 3x3/1 average pools
count the padding; modules 3c and 4e reduce with stride-2 convs beside a 3x3/2 ceil-mode max pool;
head: global average pool, fully connected (no dropout, no aux heads)."""
from collections import OrderedDict

import torch
import torch.nn as nn

from twins.channels import scale


class BasicConv2d(nn.Module):
    """ConvUnit.bnWithBias: k x k conv with bias, padding k // 2, BN (eps 1e-5), ReLU."""

    def __init__(self, cin, cout, k, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride, k // 2, bias=True)
        self.bn = nn.BatchNorm2d(cout, eps=1e-5)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.bn(self.conv(x)))


# Figure 5: name, #1x1, #3x3 reduce, #3x3, double #3x3 reduce, double #3x3, pool, pool proj
MODULES = [
    ("inception_3a", 64, 64, 64, 64, 96, "avg", 32),
    ("inception_3b", 64, 64, 96, 64, 96, "avg", 64),
    ("inception_3c", 0, 128, 160, 64, 96, "max_s2", 0),
    ("inception_4a", 224, 64, 96, 96, 128, "avg", 128),
    ("inception_4b", 192, 96, 128, 96, 128, "avg", 128),
    ("inception_4c", 160, 128, 160, 128, 160, "avg", 128),
    ("inception_4d", 96, 128, 192, 160, 192, "avg", 128),
    ("inception_4e", 0, 128, 192, 192, 256, "max_s2", 0),
    ("inception_5a", 352, 192, 320, 160, 224, "avg", 128),
    ("inception_5b", 352, 192, 320, 192, 224, "max", 128),
]


class InceptionModule(nn.Module):
    """One module of Figure 5: [1x1] | 1x1 -> 3x3 | 1x1 -> 3x3 -> 3x3 | pool [-> 1x1], concatenated."""

    def __init__(self, cin, c1, c3r, c3, d3r, d3, pool, proj, w):
        super().__init__()
        reduces = pool == "max_s2"
        s = 2 if reduces else 1
        self.branch1x1 = None if reduces else BasicConv2d(cin, scale(c1, w), 1)
        self.branch3x3 = nn.Sequential(
            BasicConv2d(cin, scale(c3r, w), 1), BasicConv2d(scale(c3r, w), scale(c3, w), 3, s))
        self.branch3x3dbl = nn.Sequential(
            BasicConv2d(cin, scale(d3r, w), 1), BasicConv2d(scale(d3r, w), scale(d3, w), 3),
            BasicConv2d(scale(d3, w), scale(d3, w), 3, s))
        if pool == "avg":
            # Layers.avgPool: padding counted (PyTorch's default)
            self.branch_pool = nn.Sequential(nn.AvgPool2d(3, 1, 1), BasicConv2d(cin, scale(proj, w), 1))
        elif pool == "max":
            self.branch_pool = nn.Sequential(nn.MaxPool2d(3, 1, 1, ceil_mode=True),
                                             BasicConv2d(cin, scale(proj, w), 1))
        else:
            self.branch_pool = nn.MaxPool2d(3, 2, ceil_mode=True)  # "max + pass through"
        pool_out = cin if reduces else scale(proj, w)
        self.out_channels = (0 if reduces else scale(c1, w)) + scale(c3, w) + scale(d3, w) + pool_out

    def forward(self, x):
        outs = [] if self.branch1x1 is None else [self.branch1x1(x)]
        outs += [self.branch3x3(x), self.branch3x3dbl(x), self.branch_pool(x)]
        return torch.cat(outs, 1)


class BNInception(nn.Module):
    """Small stem: conv 3x3/1 64, conv 1x1 64, conv 3x3 192 (no stem pools); ten modules; head."""

    def __init__(self, width=1.0, in_channels=3, classes=1000):
        super().__init__()
        c = scale(192, width)
        layers = [
            ("conv1_3x3", BasicConv2d(in_channels, scale(64, width), 3)),
            ("conv2_3x3_reduce", BasicConv2d(scale(64, width), scale(64, width), 1)),
            ("conv2_3x3", BasicConv2d(scale(64, width), c, 3)),
        ]
        for name, *spec in MODULES:
            m = InceptionModule(c, *spec, width)
            layers.append((name, m))
            c = m.out_channels
        self.features = nn.Sequential(OrderedDict(layers))
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(c, classes)

    def forward(self, x):
        x = torch.flatten(self.global_pool(self.features(x)), 1)
        return [self.fc(x)]


def build(width, in_channels, classes, aux):
    if aux:
        raise ValueError("bn-inception has no auxiliary classifiers")
    return BNInception(width, in_channels, classes)
