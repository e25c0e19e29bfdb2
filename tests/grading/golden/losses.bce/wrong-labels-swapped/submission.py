import torch


def binary_cross_entropy(p, y):
    loss = -((1 - y) * torch.log(p) + y * torch.log(1 - p))
    return loss.mean()
