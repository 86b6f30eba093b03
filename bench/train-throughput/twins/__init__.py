"""PyTorch-eager twins of the zoo's networks for the throughput bench: one module per family, each
with build(width, in_channels, classes, aux) -> nn.Module (small stem), whose forward returns a
list [main logits, aux logits...]. check.py compares each twin's params and MACs with ours."""
