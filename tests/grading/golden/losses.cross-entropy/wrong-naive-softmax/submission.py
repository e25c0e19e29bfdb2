import torch


def cross_entropy(logits, target):
    probs = logits.exp() / logits.exp().sum(dim=1, keepdim=True)
    return -probs[torch.arange(len(target)), target].log().mean()
