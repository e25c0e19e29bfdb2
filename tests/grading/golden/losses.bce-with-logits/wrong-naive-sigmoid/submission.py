import torch


def binary_cross_entropy_with_logits(z, y):
    loss = -(y * torch.log(torch.sigmoid(z)) + (1 - y) * torch.log(1 - torch.sigmoid(z)))
    return loss.mean()
