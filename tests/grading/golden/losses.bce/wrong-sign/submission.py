import torch


def binary_cross_entropy(p, y):
    loss = y * torch.log(p) + (1 - y) * torch.log(1 - p)
    return loss.mean()
