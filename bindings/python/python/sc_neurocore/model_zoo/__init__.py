"""The model zoo: ready network configurations (:mod:`.configs`) and pretrained networks
(:mod:`.pretrained`)."""

from . import configs, pretrained

__all__ = ["configs", "pretrained"]
