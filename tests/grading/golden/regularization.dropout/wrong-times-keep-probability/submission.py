import torch


def dropout(x, p, training=True):
    if not training or p == 1:
        return x if not training else torch.zeros_like(x)
    return x * (torch.rand_like(x) >= p) * (1 - p)
