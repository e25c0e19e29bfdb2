import torch


def dropout(x, p, training=True):
    if not training or p == 0:
        return x
    if p == 1:
        return torch.zeros_like(x)
    keep = (torch.rand(x.shape[-1]) >= p).to(x.dtype)
    return x * keep / (1 - p)
