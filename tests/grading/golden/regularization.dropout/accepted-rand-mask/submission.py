import torch


def dropout(x, p, training=True):
    if not training:
        return x.clone()
    if p >= 1:
        return x * 0
    mask = (torch.rand(x.shape, dtype=x.dtype) >= p).to(x.dtype)
    return mask * x * (1.0 / (1.0 - p))
