import torch


def binary_cross_entropy(p, y):
    p = p.clamp(1e-12, 1 - 1e-12)
    return -torch.mean(y * p.log() + (1 - y) * torch.log1p(-p))
