import torch


def dropout(x, p, training=True):
    if not training:
        return x
    if p == 0:
        return torch.zeros_like(x)
    return x * (torch.rand_like(x) < p) / p
