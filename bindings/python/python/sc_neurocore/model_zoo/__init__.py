"""The model zoo: ready network configurations (:mod:`.configs`) and pretrained networks
(:mod:`.pretrained`; the MNIST classifier is :mod:`.mnist`, trained by :mod:`.mnist_train`)."""

from . import configs, pretrained

__all__ = ["configs", "pretrained"]
