class EarlyStopping:
    def __init__(self, patience):
        self.patience = patience
        self.best = float("inf")
        self.count = 0

    def step(self, val_loss):
        if val_loss < self.best:
            self.best, self.count = val_loss, 0
        else:
            self.count += 1
        return self.count >= self.patience
