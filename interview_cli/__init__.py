"""prep: practise machine-learning interview questions in the terminal."""

__version__ = "0.1.0"
