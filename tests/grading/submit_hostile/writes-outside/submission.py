"""Tries to write outside its scratch folder: /tmp, the home folder, prep's code."""

from pathlib import Path

import torch

import_dir = Path(torch.__file__).parent
for target in [
    Path("/tmp/prep-hostile-written"),
    Path.home() / "prep-hostile-written",
    Path("/root/prep-hostile-written"),
    import_dir / "prep-hostile-written",
]:
    try:
        target.write_text("pwned")
        print("wrote", target)
    except OSError as error:
        print("refused", target, error)


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    if mask is not None:
        scores = scores.masked_fill(mask == 0, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
