"""PyTorch-eager twin of lab.inception.worker.model.InceptionV4 (the zoo's `inception-v4`) with the
small stem: Inception-v4 (Szegedy et al. 2017, Figures 3-9) as timm's inception_v4 builds it.
Every conv: no bias, BN (eps 1e-3), ReLU; the pool branches average 3x3 without counting the
padding; the small stem runs every stem conv and pool at stride 1 with "same" padding; head: global
average pool, dropout 0.2, fully connected (no aux heads)."""
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

from twins.channels import scale


class BasicConv2d(nn.Module):
    """ConvUnit.bn: conv without bias, BN (eps 1e-3), ReLU."""

    def __init__(self, cin, cout, kernel_size, stride=1, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel_size, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.bn(self.conv(x)))


def same(cin, cout, kh, kw):
    """InceptionParts.same: kh x kw at stride 1, padding (kh // 2, kw // 2); widths already scaled."""
    return BasicConv2d(cin, cout, (kh, kw), 1, (kh // 2, kw // 2))


def valid2(cin, cout, k=3):
    """InceptionParts.valid2: k x k at stride 2 without padding (the paper's "stride 2 V")."""
    return BasicConv2d(cin, cout, k, 2, 0)


def avg_pool():
    """InceptionParts.avgPoolExcludingPad(3, 1, 1)."""
    return nn.AvgPool2d(3, 1, 1, count_include_pad=False)


class Mixed3a(nn.Module):
    """Small stem: [3x3/1 max pool, padding 1 | 3x3 96 same]."""

    def __init__(self, cin, w):
        super().__init__()
        self.maxpool = nn.MaxPool2d(3, 1, 1)
        self.conv = same(cin, scale(96, w), 3, 3)
        self.out_channels = cin + scale(96, w)

    def forward(self, x):
        return torch.cat([self.maxpool(x), self.conv(x)], 1)


class Mixed4a(nn.Module):
    """[1x1 64 -> 3x3 96 | 1x1 64 -> 1x7 64 -> 7x1 64 -> 3x3 96], all "same" in the small stem."""

    def __init__(self, cin, w):
        super().__init__()
        c64, c96 = scale(64, w), scale(96, w)
        self.branch0 = nn.Sequential(same(cin, c64, 1, 1), same(c64, c96, 3, 3))
        self.branch1 = nn.Sequential(same(cin, c64, 1, 1), same(c64, c64, 1, 7), same(c64, c64, 7, 1),
                                     same(c64, c96, 3, 3))
        self.out_channels = 2 * c96

    def forward(self, x):
        return torch.cat([self.branch0(x), self.branch1(x)], 1)


class Mixed5a(nn.Module):
    """Small stem: [3x3 192 same | 3x3/1 max pool, padding 1]."""

    def __init__(self, cin, w):
        super().__init__()
        self.conv = same(cin, scale(192, w), 3, 3)
        self.maxpool = nn.MaxPool2d(3, 1, 1)
        self.out_channels = scale(192, w) + cin

    def forward(self, x):
        return torch.cat([self.conv(x), self.maxpool(x)], 1)


class InceptionA(nn.Module):
    """Figure 4: 96 | 64 -> 3x3 96 | 64 -> 3x3 96 -> 3x3 96 | avg pool -> 96."""

    def __init__(self, cin, w):
        super().__init__()
        c64, c96 = scale(64, w), scale(96, w)
        self.branch0 = same(cin, c96, 1, 1)
        self.branch1 = nn.Sequential(same(cin, c64, 1, 1), same(c64, c96, 3, 3))
        self.branch2 = nn.Sequential(same(cin, c64, 1, 1), same(c64, c96, 3, 3), same(c96, c96, 3, 3))
        self.branch3 = nn.Sequential(avg_pool(), same(cin, c96, 1, 1))
        self.out_channels = 4 * c96

    def forward(self, x):
        return torch.cat([self.branch0(x), self.branch1(x), self.branch2(x), self.branch3(x)], 1)


class ReductionA(nn.Module):
    """Figure 7 (k, l, m, n = 192, 224, 256, 384): 3x3/2 n V | 1x1 k -> 3x3 l -> 3x3/2 m V | 3x3/2 max pool."""

    def __init__(self, cin, k, l, m, n):
        super().__init__()
        self.branch0 = valid2(cin, n)
        self.branch1 = nn.Sequential(same(cin, k, 1, 1), same(k, l, 3, 3), valid2(l, m))
        self.branch2 = nn.MaxPool2d(3, 2)
        self.out_channels = n + m + cin

    def forward(self, x):
        return torch.cat([self.branch0(x), self.branch1(x), self.branch2(x)], 1)


class InceptionB(nn.Module):
    """Figure 5: 384 | 192 -> 1x7 224 -> 7x1 256 | 192 -> 7x1 192 -> 1x7 224 -> 7x1 224 -> 1x7 256 |
    avg pool -> 128."""

    def __init__(self, cin, w):
        super().__init__()
        c128, c192, c224, c256, c384 = (scale(c, w) for c in (128, 192, 224, 256, 384))
        self.branch0 = same(cin, c384, 1, 1)
        self.branch1 = nn.Sequential(same(cin, c192, 1, 1), same(c192, c224, 1, 7), same(c224, c256, 7, 1))
        self.branch2 = nn.Sequential(
            same(cin, c192, 1, 1), same(c192, c192, 7, 1), same(c192, c224, 1, 7),
            same(c224, c224, 7, 1), same(c224, c256, 1, 7))
        self.branch3 = nn.Sequential(avg_pool(), same(cin, c128, 1, 1))
        self.out_channels = c384 + 2 * c256 + c128

    def forward(self, x):
        return torch.cat([self.branch0(x), self.branch1(x), self.branch2(x), self.branch3(x)], 1)


class ReductionB(nn.Module):
    """Figure 8: 192 -> 3x3/2 192 V | 256 -> 1x7 256 -> 7x1 320 -> 3x3/2 320 V | 3x3/2 max pool."""

    def __init__(self, cin, w):
        super().__init__()
        c192, c256, c320 = scale(192, w), scale(256, w), scale(320, w)
        self.branch0 = nn.Sequential(same(cin, c192, 1, 1), valid2(c192, c192))
        self.branch1 = nn.Sequential(same(cin, c256, 1, 1), same(c256, c256, 1, 7), same(c256, c320, 7, 1),
                                     valid2(c320, c320))
        self.branch2 = nn.MaxPool2d(3, 2)
        self.out_channels = c192 + c320 + cin

    def forward(self, x):
        return torch.cat([self.branch0(x), self.branch1(x), self.branch2(x)], 1)


class InceptionC(nn.Module):
    """Figure 6: 256 | 384 -> [1x3 256, 3x1 256] | 384 -> 3x1 448 -> 1x3 512 -> [1x3 256, 3x1 256] |
    avg pool -> 256."""

    def __init__(self, cin, w):
        super().__init__()
        c256, c384, c448, c512 = (scale(c, w) for c in (256, 384, 448, 512))
        self.branch0 = same(cin, c256, 1, 1)
        self.branch1_0 = same(cin, c384, 1, 1)
        self.branch1_1a = same(c384, c256, 1, 3)
        self.branch1_1b = same(c384, c256, 3, 1)
        self.branch2_0 = same(cin, c384, 1, 1)
        self.branch2_1 = same(c384, c448, 3, 1)
        self.branch2_2 = same(c448, c512, 1, 3)
        self.branch2_3a = same(c512, c256, 1, 3)
        self.branch2_3b = same(c512, c256, 3, 1)
        self.branch3 = nn.Sequential(avg_pool(), same(cin, c256, 1, 1))
        self.out_channels = 6 * c256

    def forward(self, x):
        x0 = self.branch0(x)
        x1 = self.branch1_0(x)
        x1 = torch.cat([self.branch1_1a(x1), self.branch1_1b(x1)], 1)
        x2 = self.branch2_2(self.branch2_1(self.branch2_0(x)))
        x2 = torch.cat([self.branch2_3a(x2), self.branch2_3b(x2)], 1)
        return torch.cat([x0, x1, x2, self.branch3(x)], 1)


class InceptionV4(nn.Module):
    """Small stem (3x3 32, 3x3 32, 3x3 64, Mixed 3a/4a/5a, all stride 1, "same"), 4 x A,
    Reduction-A, 7 x B, Reduction-B, 3 x C, head."""

    def __init__(self, width=1.0, in_channels=3, classes=1000, drop_rate=0.2):
        super().__init__()
        w = width
        self.drop_rate = drop_rate
        layers = [
            ("conv1_3x3_s2", same(in_channels, scale(32, w), 3, 3)),
            ("conv2_3x3", same(scale(32, w), scale(32, w), 3, 3)),
            ("conv3_3x3", same(scale(32, w), scale(64, w), 3, 3)),
        ]
        c = scale(64, w)

        def add(name, m):
            nonlocal c
            layers.append((name, m))
            c = m.out_channels

        add("mixed_3a", Mixed3a(c, w))
        add("mixed_4a", Mixed4a(c, w))
        add("mixed_5a", Mixed5a(c, w))
        for i in range(1, 5):
            add("inception_a%d" % i, InceptionA(c, w))
        add("reduction_a", ReductionA(c, scale(192, w), scale(224, w), scale(256, w), scale(384, w)))
        for i in range(1, 8):
            add("inception_b%d" % i, InceptionB(c, w))
        add("reduction_b", ReductionB(c, w))
        for i in range(1, 4):
            add("inception_c%d" % i, InceptionC(c, w))
        self.features = nn.Sequential(OrderedDict(layers))
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(c, classes)

    def forward(self, x):
        x = torch.flatten(self.global_pool(self.features(x)), 1)
        x = F.dropout(x, self.drop_rate, self.training)
        return [self.fc(x)]


def build(width, in_channels, classes, aux):
    if aux:
        raise ValueError("inception-v4 has no auxiliary classifiers")
    return InceptionV4(width, in_channels, classes)
