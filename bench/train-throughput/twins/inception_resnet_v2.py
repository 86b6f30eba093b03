"""PyTorch-eager twin of the zoo's inception-resnet-v2 (lab.inception.worker.model.InceptionResNet.v2)
with the small stem (every stem convolution at stride 1 with "same" padding, no stem max pools),
written the way timm writes inception_resnet_v2: conv (no bias) + BN (eps 1e-3) + ReLU units,
10 x Block35 (scale 0.17), Mixed_6a, 20 x Block17 (0.10), Mixed_7a, 9 x Block8 (0.20), a last
Block8 with scale 1.0 and no ReLU, 1x1 conv to 1536, global average pool, dropout 0.2, linear.
Channel counts are scaled as ModelConfig.scale does (Java Math.round, half up, never below 1);
the residual projections return to the trunk's actual (scaled) width."""

import torch
import torch.nn as nn

from twins.channels import scale


class BasicConv2d(nn.Module):
    """ConvUnit.bn: k_h x k_w conv without bias, BN eps 1e-3 (momentum 0.1, DJL's 0.9), ReLU."""

    def __init__(self, cin, cout, kernel_size, stride=1, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel_size, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.bn(self.conv(x)))


def same(cin, cout, kh, kw=None):
    """InceptionParts.same: stride 1, padding (kh // 2, kw // 2)."""
    kw = kh if kw is None else kw
    return BasicConv2d(cin, cout, (kh, kw), padding=(kh // 2, kw // 2))


def valid2(cin, cout, k=3):
    """InceptionParts.valid2: k x k at stride 2 without padding."""
    return BasicConv2d(cin, cout, k, stride=2)


class Mixed_5b(nn.Module):
    def __init__(self, cin, w):
        super().__init__()
        s = lambda c: scale(c, w)  # noqa: E731
        self.branch0 = same(cin, s(96), 1)
        self.branch1 = nn.Sequential(same(cin, s(48), 1), same(s(48), s(64), 5))
        self.branch2 = nn.Sequential(same(cin, s(64), 1), same(s(64), s(96), 3), same(s(96), s(96), 3))
        self.branch3 = nn.Sequential(nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False),
                                     same(cin, s(64), 1))
        self.out_channels = s(96) + s(64) + s(96) + s(64)

    def forward(self, x):
        return torch.cat([self.branch0(x), self.branch1(x), self.branch2(x), self.branch3(x)], 1)


class Block35(nn.Module):
    def __init__(self, c, w, scale_=0.17):
        super().__init__()
        s = lambda n: scale(n, w)  # noqa: E731
        self.scale = scale_
        self.branch0 = same(c, s(32), 1)
        self.branch1 = nn.Sequential(same(c, s(32), 1), same(s(32), s(32), 3))
        self.branch2 = nn.Sequential(same(c, s(32), 1), same(s(32), s(48), 3), same(s(48), s(64), 3))
        self.conv2d = nn.Conv2d(s(32) + s(32) + s(64), c, 1)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = torch.cat([self.branch0(x), self.branch1(x), self.branch2(x)], 1)
        out = self.conv2d(out)
        out = out * self.scale + x
        return self.relu(out)


class Mixed_6a(nn.Module):
    """Reduction-A with k, l, m, n = 256, 256, 384, 384; order 3x3/2 n, 1x1 k -> 3x3 l -> 3x3/2 m, max pool."""

    def __init__(self, cin, w):
        super().__init__()
        s = lambda n: scale(n, w)  # noqa: E731
        self.branch0 = valid2(cin, s(384))
        self.branch1 = nn.Sequential(same(cin, s(256), 1), same(s(256), s(256), 3), valid2(s(256), s(384)))
        self.branch2 = nn.MaxPool2d(3, stride=2)
        self.out_channels = cin + s(384) + s(384)

    def forward(self, x):
        return torch.cat([self.branch0(x), self.branch1(x), self.branch2(x)], 1)


class Block17(nn.Module):
    def __init__(self, c, w, scale_=0.10):
        super().__init__()
        s = lambda n: scale(n, w)  # noqa: E731
        self.scale = scale_
        self.branch0 = same(c, s(192), 1)
        self.branch1 = nn.Sequential(same(c, s(128), 1), same(s(128), s(160), 1, 7), same(s(160), s(192), 7, 1))
        self.conv2d = nn.Conv2d(s(192) + s(192), c, 1)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = torch.cat([self.branch0(x), self.branch1(x)], 1)
        out = self.conv2d(out)
        out = out * self.scale + x
        return self.relu(out)


class Mixed_7a(nn.Module):
    """Reduction-B: 1x1 256 -> 3x3/2 384; 1x1 256 -> 3x3/2 288; 1x1 256 -> 3x3 288 -> 3x3/2 320; max pool."""

    def __init__(self, cin, w):
        super().__init__()
        s = lambda n: scale(n, w)  # noqa: E731
        self.branch0 = nn.Sequential(same(cin, s(256), 1), valid2(s(256), s(384)))
        self.branch1 = nn.Sequential(same(cin, s(256), 1), valid2(s(256), s(288)))
        self.branch2 = nn.Sequential(same(cin, s(256), 1), same(s(256), s(288), 3), valid2(s(288), s(320)))
        self.branch3 = nn.MaxPool2d(3, stride=2)
        self.out_channels = cin + s(384) + s(288) + s(320)

    def forward(self, x):
        return torch.cat([self.branch0(x), self.branch1(x), self.branch2(x), self.branch3(x)], 1)


class Block8(nn.Module):
    def __init__(self, c, w, scale_=0.20, no_relu=False):
        super().__init__()
        s = lambda n: scale(n, w)  # noqa: E731
        self.scale = scale_
        self.branch0 = same(c, s(192), 1)
        self.branch1 = nn.Sequential(same(c, s(192), 1), same(s(192), s(224), 1, 3), same(s(224), s(256), 3, 1))
        self.conv2d = nn.Conv2d(s(192) + s(256), c, 1)
        self.relu = None if no_relu else nn.ReLU(inplace=True)

    def forward(self, x):
        out = torch.cat([self.branch0(x), self.branch1(x)], 1)
        out = self.conv2d(out)
        out = out * self.scale + x
        if self.relu is not None:
            out = self.relu(out)
        return out


class InceptionResNetV2(nn.Module):
    def __init__(self, width=1.0, in_channels=3, classes=1000, drop_rate=0.2):
        super().__init__()
        s = lambda n: scale(n, width)  # noqa: E731
        # small stem: conv2d_1a and conv2d_2a at stride 1, padded; no maxpool_3a, no maxpool_5a
        self.conv2d_1a = same(in_channels, s(32), 3)
        self.conv2d_2a = same(s(32), s(32), 3)
        self.conv2d_2b = same(s(32), s(64), 3)
        self.conv2d_3b = same(s(64), s(80), 1)
        self.conv2d_4a = same(s(80), s(192), 3)
        self.mixed_5b = Mixed_5b(s(192), width)
        c = self.mixed_5b.out_channels
        self.repeat = nn.Sequential(*[Block35(c, width) for _ in range(10)])
        self.mixed_6a = Mixed_6a(c, width)
        c = self.mixed_6a.out_channels
        self.repeat_1 = nn.Sequential(*[Block17(c, width) for _ in range(20)])
        self.mixed_7a = Mixed_7a(c, width)
        c = self.mixed_7a.out_channels
        self.repeat_2 = nn.Sequential(*[Block8(c, width) for _ in range(9)])
        self.block8 = Block8(c, width, scale_=1.0, no_relu=True)
        self.conv2d_7b = same(c, s(1536), 1)
        self.global_pool = nn.AdaptiveAvgPool2d(1)
        self.head_drop = nn.Dropout(drop_rate)
        self.classif = nn.Linear(s(1536), classes)

    def forward_features(self, x):
        x = self.conv2d_1a(x)
        x = self.conv2d_2a(x)
        x = self.conv2d_2b(x)
        x = self.conv2d_3b(x)
        x = self.conv2d_4a(x)
        x = self.mixed_5b(x)
        x = self.repeat(x)
        x = self.mixed_6a(x)
        x = self.repeat_1(x)
        x = self.mixed_7a(x)
        x = self.repeat_2(x)
        x = self.block8(x)
        return self.conv2d_7b(x)

    def forward(self, x):
        x = self.forward_features(x)
        x = torch.flatten(self.global_pool(x), 1)
        return [self.classif(self.head_drop(x))]


def build(width, in_channels, classes, aux):
    """The small-stem network; Inception-ResNet-v2 has no auxiliary classifiers."""
    if aux:
        raise ValueError("inception-resnet-v2 has no auxiliary classifiers")
    return InceptionResNetV2(width, in_channels, classes)
