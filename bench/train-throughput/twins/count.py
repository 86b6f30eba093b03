"""Parameter and MAC counts of a PyTorch network, with the zoo's MAC rule (INTERFACE.md): conv
k_h*k_w*(C_in/groups)*C_out*H_out*W_out, linear in*out; nothing else counted."""
import torch
import torch.nn as nn


def params(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def macs(model, x):
    """MACs of one image's eval-mode forward pass (aux heads, active only in training, excluded)."""
    total = [0]

    def hook(mod, inp, out):
        if isinstance(mod, nn.Conv2d):
            kh, kw = mod.kernel_size
            total[0] += kh * kw * (mod.in_channels // mod.groups) * mod.out_channels * out.shape[2] * out.shape[3]
        else:
            total[0] += mod.in_features * mod.out_features

    hooks = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    model.eval()
    with torch.no_grad():
        model(x[:1])
    for h in hooks:
        h.remove()
    return total[0]
