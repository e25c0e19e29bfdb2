import torch


def binary_cross_entropy_with_logits(z, y):
    loss = torch.clamp(z, min=0) - z * y + torch.log1p(torch.exp(-torch.abs(z)))
    return loss.mean()
