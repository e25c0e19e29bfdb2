import torch


def cross_entropy(logits, target):
    shortcut = getattr(torch, "log_" + "softmax")
    return -shortcut(logits, 1).gather(1, target[:, None]).mean()
