"""What every twin shares: the zoo's channel rule."""
import math


def scale(c, w):
    """ModelConfig.scale: max(1, Java's Math.round(c * w)); halves round up, where Python's round()
    rounds them to even (2.5 -> 2, Java 3)."""
    return max(1, int(math.floor(c * w + 0.5)))
