import torch


def binary_cross_entropy_with_logits(z, y):
    loss = torch.log(1 + torch.exp(z)) - z * y
    return loss.mean()
