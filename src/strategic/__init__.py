"""strategic: reproduce the claims of "How to train deep neural nets to be strategic"."""
__version__ = "0.1.0"
