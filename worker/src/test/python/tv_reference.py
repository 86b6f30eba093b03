"""Reference files for TorchvisionReferenceTest: torchvision's googlenet and inception_v3.

Run with Debian's /usr/bin/python3 (python3-torch 1.13, python3-torchvision 0.14); downloads
nothing (weights=None). Writes into OUT_DIR, never into the repository:

  NAME.pth           torch.save(model.state_dict()) of the seeded model (BN affine parameters
                     drawn at random, running statistics measured on random images)
  NAME.safetensors   the same tensors in the safetensors format (written here by hand)
  NAME.input.f32     the fixed input, N x 3 x H x W, float32 little-endian
  NAME.logits.f32    model.eval()(input), N x 1000, float32 little-endian
  NAME.json          shapes and transform_input
plus the bad files the Java test refuses: googlenet_legacy.pth (the pre-1.6 format),
googlenet_nofc.pth (fc.bias removed), resnet18.pth (another architecture), module.pth (a pickled
nn.Module, which needs globals a state_dict does not).

usage: /usr/bin/python3 tv_reference.py OUT_DIR
"""
import collections
import json
import os
import struct
import sys

import torch
import torchvision

SAFETENSORS_DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def seeded(name):
    torch.manual_seed(0)
    if name == "googlenet":
        m = torchvision.models.googlenet(weights=None, aux_logits=True, init_weights=True)
        size = 224
    else:
        m = torchvision.models.inception_v3(weights=None, aux_logits=True, init_weights=True)
        size = 299
    # BN affine parameters drawn at random, running statistics measured on random images
    # (train-mode passes, cumulative average): eval-mode activations stay of order 1, as in a
    # trained network, and every BN tensor differs from its default.
    g = torch.Generator().manual_seed(1)
    for mod in m.modules():
        if isinstance(mod, torch.nn.BatchNorm2d):
            with torch.no_grad():
                mod.weight.copy_(torch.rand(mod.weight.shape, generator=g) + 0.5)
                mod.bias.copy_(torch.rand(mod.bias.shape, generator=g) * 0.4 - 0.2)
            mod.reset_running_stats()
            mod.momentum = None
    m.train()
    with torch.no_grad():
        for _ in range(2):
            m(torch.randn(4, 3, size, size, generator=g))
    if name == "inception_v3":
        # torchvision's init (std 0.1 for fc) gives logits up to 8.9 here, where float32 rounding
        # alone moves them by 2.9e-4 (torch float32 vs float64); a tenth of the classifier keeps
        # them of order 1, so a 1e-4 tolerance tests the weights, not the rounding.
        with torch.no_grad():
            m.fc.weight.mul_(0.1)
            m.fc.bias.mul_(0.1)
    return m.eval(), size


def write_safetensors(state, path):
    header, blobs, offset = {}, [], 0
    for k, v in state.items():
        b = v.contiguous().numpy().tobytes()
        header[k] = {"dtype": SAFETENSORS_DTYPES[v.dtype], "shape": list(v.shape),
                     "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def main(out):
    os.makedirs(out, exist_ok=True)
    for name in ("googlenet", "inception_v3"):
        m, size = seeded(name)
        state = m.state_dict()
        torch.save(state, os.path.join(out, name + ".pth"))
        write_safetensors(state, os.path.join(out, name + ".safetensors"))
        x = torch.randn(2, 3, size, size, generator=torch.Generator().manual_seed(2))
        with torch.no_grad():
            y = m(x)
        x.numpy().astype("<f4").tofile(os.path.join(out, name + ".input.f32"))
        y.numpy().astype("<f4").tofile(os.path.join(out, name + ".logits.f32"))
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump({"input": list(x.shape), "logits": list(y.shape),
                       "transform_input": m.transform_input, "torch": torch.__version__,
                       "torchvision": torchvision.__version__}, f)
        if name == "googlenet":
            torch.save(state, os.path.join(out, "googlenet_legacy.pth"),
                       _use_new_zipfile_serialization=False)
            cut = collections.OrderedDict((k, v) for k, v in state.items() if k != "fc.bias")
            torch.save(cut, os.path.join(out, "googlenet_nofc.pth"))
    torch.manual_seed(0)
    torch.save(torchvision.models.resnet18(weights=None).state_dict(),
               os.path.join(out, "resnet18.pth"))
    torch.save({"fc": torch.nn.Linear(2, 2)}, os.path.join(out, "module.pth"))


if __name__ == "__main__":
    main(sys.argv[1])
