import torch


def binary_cross_entropy_with_logits(z, y):
    loss = torch.clamp(z, min=0) - z * y
    return loss.mean()
