import torch


def binary_cross_entropy(p, y):
    loss = -(y * torch.log(p))
    return loss.mean()
