import torch


def binary_cross_entropy_with_logits(z, y):
    return torch.nn.functional.binary_cross_entropy_with_logits(z, y)
