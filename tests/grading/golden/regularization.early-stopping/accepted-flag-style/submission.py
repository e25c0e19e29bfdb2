class EarlyStopping:
    def __init__(self, patience=5, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best = float("inf")
        self.waited = 0

    def step(self, val_loss):
        improved = self.best - val_loss > self.min_delta
        self.best = val_loss if improved else self.best
        self.waited = 0 if improved else self.waited + 1
        return bool(self.waited >= self.patience)
