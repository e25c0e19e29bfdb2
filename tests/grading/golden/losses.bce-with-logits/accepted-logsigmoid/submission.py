import torch.nn.functional as F


def binary_cross_entropy_with_logits(z, y):
    return -(y * F.logsigmoid(z) + (1 - y) * F.logsigmoid(-z)).mean()
