"""kerasish: a Keras 3 compatible deep-learning API over a pluggable backend.

    import kerasish as keras
"""
__version__ = "0.1.0"

from kerasish import backend, ops, random, utils
