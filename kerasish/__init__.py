"""kerasish: a Keras 3 compatible deep-learning API over a pluggable backend.

    import kerasish as keras
"""
__version__ = "0.1.0"

from kerasish import backend, ops, random, utils
from kerasish import activations, constraints, initializers, regularizers
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.backend.stateless_scope import StatelessScope
from kerasish.backend.variable import Variable
from kerasish.layers import Input, InputSpec, Layer
from kerasish import layers, models, saving
from kerasish import metrics
from kerasish import losses
from kerasish import optimizers
from kerasish import callbacks
from kerasish.models import Model, Sequential
from kerasish.losses import Loss
from kerasish.metrics import Metric
from kerasish.optimizers import Optimizer
from kerasish import applications, datasets  # noqa: E402  (they build on everything above)
