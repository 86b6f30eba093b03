"""torchvision's own networks as peers of the zoo's full-width networks with the ImageNet stem:
googlenet for googlenet-tv and inception_v3 for inception-v3 (torchvision 0.14, random weights,
nothing downloaded). The one change: the first convolution takes the input's channels (1 for
Fashion-MNIST), as the zoo's does, and transform_input (an RGB-only input shift) is off."""
import torch.nn as nn
import torchvision


def _first_conv(conv, in_channels):
    return nn.Conv2d(in_channels, conv.out_channels, conv.kernel_size, conv.stride, conv.padding, bias=False)


def build(model, width, in_channels, classes, aux):
    if width != 1.0:
        raise ValueError("torchvision's %s has no width multiplier: use width 1.0" % model)
    if model == "googlenet-tv":
        m = torchvision.models.googlenet(weights=None, num_classes=classes, aux_logits=aux,
                                         transform_input=False, init_weights=True)
        m.conv1.conv = _first_conv(m.conv1.conv, in_channels)
    elif model == "inception-v3":
        m = torchvision.models.inception_v3(weights=None, num_classes=classes, aux_logits=aux,
                                            transform_input=False, init_weights=True)
        m.Conv2d_1a_3x3.conv = _first_conv(m.Conv2d_1a_3x3.conv, in_channels)
    else:
        raise ValueError("no torchvision peer for %s (googlenet-tv, inception-v3)" % model)
    return _Listed(m)


class _Listed(nn.Module):
    """The torchvision model with the twins' output convention: [main logits, aux logits...]."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        out = self.net(x)
        if isinstance(out, tuple):  # GoogLeNetOutputs / InceptionOutputs in training
            return [o for o in out if o is not None]
        return [out]
