import torch


class SGDMomentum(torch.optim.SGD):
    def __init__(self, params, lr, momentum=0.9):
        super().__init__(params, lr=lr, momentum=momentum)
