"""The base class of initializers (keras.initializers.Initializer)."""


class Initializer:
    """Called as `initializer(shape, dtype=None)`, returns a tensor of that shape and dtype
    (default `floatx()`) on the active backend. Subclasses implement `__call__` and, when they
    take arguments, `get_config`."""

    def __call__(self, shape, dtype=None):
        raise NotImplementedError("Initializer subclasses must implement the `__call__()` method.")

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def clone(self):
        return self.__class__.from_config(self.get_config())

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


def standardize_shape(op, shape):
    """`shape` as a tuple of non-negative ints, or a ValueError naming the initializer."""
    try:
        shape = tuple(int(d) for d in shape)
    except (TypeError, ValueError):
        raise ValueError(f"{op}: `shape` must be a tuple of ints; received shape={shape!r}.") from None
    if any(d < 0 for d in shape):
        raise ValueError(f"{op}: `shape` must not have negative dimensions; received shape={shape}.")
    return shape
