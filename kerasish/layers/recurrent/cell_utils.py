"""What the built-in cells (SimpleRNNCell, LSTMCell, GRUCell, ConvLSTMCell) and their layers
share: argument checks, the kernel/recurrent kernel/bias arguments and their config, and the
layer-side properties and config that read through to the cell (as Keras's layers do)."""
import numbers

from kerasish import activations, constraints, initializers, regularizers

WEIGHT_ARGUMENTS = ("kernel", "recurrent", "bias")


def check_units(owner, units, argument="units"):
    if isinstance(units, bool) or not isinstance(units, numbers.Integral) or units <= 0:
        raise ValueError(
            f"{owner}: received an invalid value for argument `{argument}`, expected a positive "
            f"integer; received {argument}={units!r}.")
    return int(units)


def clip_rate(owner, rate, argument):
    if isinstance(rate, bool) or not isinstance(rate, numbers.Real):
        raise ValueError(
            f"{owner}: argument `{argument}` must be a float in [0, 1]; received "
            f"{argument}={rate!r}.")
    return min(1.0, max(0.0, float(rate)))


def set_weight_arguments(cell, initializers_, regularizers_, constraints_):
    """Sets `<kind>_initializer`, `_regularizer`, `_constraint` for kernel, recurrent, bias."""
    for kind, init, reg, con in zip(WEIGHT_ARGUMENTS, initializers_, regularizers_, constraints_):
        setattr(cell, f"{kind}_initializer", initializers.get(init))
        setattr(cell, f"{kind}_regularizer", regularizers.get(reg))
        setattr(cell, f"{kind}_constraint", constraints.get(con))


def weight_arguments_config(cell):
    config = {}
    for kind in WEIGHT_ARGUMENTS:
        config[f"{kind}_initializer"] = initializers.serialize(getattr(cell, f"{kind}_initializer"))
        config[f"{kind}_regularizer"] = regularizers.serialize(getattr(cell, f"{kind}_regularizer"))
        config[f"{kind}_constraint"] = constraints.serialize(getattr(cell, f"{kind}_constraint"))
    return config


def activation_config(cell, *names):
    return {name: activations.serialize(getattr(cell, name)) for name in names}


def add_weight_of(cell, kind, name, shape, initializer=None):
    return cell.add_weight(
        name=name, shape=shape, initializer=initializer or getattr(cell, f"{kind}_initializer"),
        regularizer=getattr(cell, f"{kind}_regularizer"),
        constraint=getattr(cell, f"{kind}_constraint"))


def forget_bias_initializer(cell, size):
    """LSTM's `unit_forget_bias`: the forget gate's bias starts at one, the others from the
    bias initializer (gate order i, f, c, o)."""
    from kerasish import ops

    def initializer(shape, dtype=None):
        return ops.concatenate([cell.bias_initializer((size,), dtype=dtype),
                                initializers.get("ones")((size,), dtype=dtype),
                                cell.bias_initializer((size * 2,), dtype=dtype)])
    return initializer


CELL_OWN_KEYS = ("name", "trainable", "dtype")


def cell_layer_config(layer):
    """A built-in RNN layer's config, as Keras: the RNN flags plus the cell's arguments (no
    nested cell) and the layer's activity regularizer."""
    from kerasish.layers.recurrent.rnn import RNN
    config = RNN.get_config(layer)
    del config["cell"]
    config.update({k: v for k, v in layer.cell.get_config().items() if k not in CELL_OWN_KEYS})
    config["activity_regularizer"] = regularizers.serialize(layer.activity_regularizer)
    return config


def read_through(*names):
    """A class decorator adding read-only properties that return the cell's attributes."""
    def decorate(cls):
        for name in names:
            setattr(cls, name, property(lambda self, n=name: getattr(self.cell, n)))
        return cls
    return decorate


CELL_ATTRIBUTES = ("units", "activation", "use_bias", "kernel_initializer",
                   "recurrent_initializer", "bias_initializer", "kernel_regularizer",
                   "recurrent_regularizer", "bias_regularizer", "kernel_constraint",
                   "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout")


def cell_kwargs(kwargs):
    """The arguments a layer hands to its cell: dtype and trainable, as Keras."""
    return {"dtype": kwargs.get("dtype"), "trainable": kwargs.get("trainable", True)}
