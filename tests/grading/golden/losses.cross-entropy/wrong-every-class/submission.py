import torch


def cross_entropy(logits, target):
    return (torch.logsumexp(logits, dim=1, keepdim=True) - logits).mean()
