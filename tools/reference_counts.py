#!/usr/bin/env python3
"""Reference parameter and MAC counts from torchvision / timm, for the model zoo's tests.

Needs a Python with torch, torchvision and timm (not this project's machines: the GPU device
machine has them). MACs follow INTERFACE.md: conv k_h*k_w*(C_in/groups)*C_out*H_out*W_out,
linear in*out; aux heads counted apart (training only). Prints one JSON object per model.
"""
import json
import sys

import torch
import torch.nn as nn


def count_params(model, exclude=()):
    return sum(p.numel() for n, p in model.named_parameters()
               if p.requires_grad and not any(n.startswith(e) for e in exclude))


def macs(model, x, train=False, aux_prefixes=()):
    main, aux = [0], [0]
    hooks = []
    for name, m in model.named_modules():
        def hook(mod, inp, out, name=name):
            if isinstance(mod, nn.Conv2d):
                kh, kw = mod.kernel_size
                n = kh * kw * (mod.in_channels // mod.groups) * mod.out_channels * out.shape[2] * out.shape[3]
            elif isinstance(mod, nn.Linear):
                n = mod.in_features * mod.out_features
            else:
                return
            (aux if any(name.startswith(p) for p in aux_prefixes) else main)[0] += n
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            hooks.append(m.register_forward_hook(hook))
    model.train(train)
    with torch.no_grad():
        model(x)
    for h in hooks:
        h.remove()
    return main[0], aux[0]


def report(name, model, size, aux_prefixes=()):
    x = torch.zeros(2, 3, size, size)
    total = count_params(model)
    no_aux = count_params(model, aux_prefixes)
    m, a = macs(model, x, train=bool(aux_prefixes), aux_prefixes=aux_prefixes)
    print(json.dumps({"model": name, "input": size, "params_with_aux": total,
                      "params": no_aux, "macs": m, "aux_macs": a}), flush=True)


def main():
    import torchvision.models as tvm
    report("googlenet-tv", tvm.googlenet(weights=None, aux_logits=True, init_weights=False), 224,
           ("aux1", "aux2"))
    report("inception-v3", tvm.inception_v3(weights=None, aux_logits=True, init_weights=False), 299,
           ("AuxLogits",))
    try:
        import timm
        for tname, ours in (("inception_v4", "inception-v4"), ("inception_resnet_v2", "inception-resnet-v2")):
            report(ours, timm.create_model(tname, pretrained=False), 299)
        print(json.dumps({"timm": timm.__version__, "torch": torch.__version__}))
    except Exception as e:  # noqa: BLE001
        print(json.dumps({"timm_error": str(e)}), file=sys.stderr)


if __name__ == "__main__":
    main()
