"""The PyTorch peer of each zoo network: with the small stem our own twin (twins/*.py), with the
ImageNet stem torchvision's own model (twins/torchvision_peers.py)."""
import importlib

from twins import torchvision_peers

TWINS = {
    "googlenet": "twins.googlenet",
    "googlenet-tv": "twins.googlenet",
    "bn-inception": "twins.bn_inception",
    "inception-v4": "twins.inception_v4",
    "inception-resnet-v2": "twins.inception_resnet_v2",
}


def build(model, width, in_channels, classes, aux, block="reduced", stem="small"):
    if stem == "imagenet":
        if block != "reduced":
            raise ValueError("torchvision's networks have the reduced block only")
        return torchvision_peers.build(model, width, in_channels, classes, aux)
    if model not in TWINS:
        raise ValueError("no twin for %s; known: %s" % (model, ", ".join(TWINS)))
    module = importlib.import_module(TWINS[model])
    if model.startswith("googlenet"):
        return module.build(width, in_channels, classes, aux, model=model, block=block)
    if block != "reduced":
        raise ValueError("%s has fixed modules (no block kind)" % model)
    return module.build(width, in_channels, classes, aux)
