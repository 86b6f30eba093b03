"""Twin of the zoo's googlenet (the paper's: conv bias, LRN, true 5x5) and googlenet-tv
(torchvision's: BN eps 1e-3, 3x3 in the '5x5' branch) with the small stem; GoogLeNet.java."""

import torch
import torch.nn as nn
import torch.nn.functional as F

from twins.channels import scale


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


def build(width, in_channels, classes, aux, model="googlenet-tv", block="reduced"):
    return MiniGoogLeNet(in_channels, classes, width, block == "naive", model == "googlenet-tv", aux)
