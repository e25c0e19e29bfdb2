"""Imports torch within the limits, then asks its allocator for 8 GiB."""

import torch

small = torch.ones(1000) * 2
print("torch works", float(small.sum()), flush=True)
big = torch.empty(2 * 1024**3, dtype=torch.float32)
big.fill_(1.0)
print("allocated 8 GiB")
