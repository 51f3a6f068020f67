"""InputLayer and Input: where a Functional model's symbolic tensors start."""
from kerasish.backend import standardize_dtype
from kerasish.backend.config import floatx
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.layers.layer import Layer
from kerasish.ops.node import Node


class InputLayer(Layer):
    def __init__(self, shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None,
                 input_tensor=None, optional=False, name=None, **kwargs):
        super().__init__(name=name, **{k: v for k, v in kwargs.items() if k == "trainable"})
        extra = set(kwargs) - {"trainable", "ragged"}
        if extra:
            raise ValueError(f"Unrecognized keyword arguments passed to InputLayer: {sorted(extra)}")
        if sparse:
            raise ValueError("InputLayer: sparse inputs are not supported by kerasish (sparse=True).")
        if input_tensor is not None:
            if not isinstance(input_tensor, KerasTensor):
                raise ValueError(
                    f"InputLayer: `input_tensor` must be a KerasTensor; received {input_tensor!r}.")
            batch_shape = input_tensor.shape
            dtype = input_tensor.dtype
        if shape is not None and batch_shape is not None:
            raise ValueError("InputLayer: pass either `shape` or `batch_shape`, not both.")
        if batch_shape is None:
            if shape is None:
                raise ValueError(
                    "InputLayer: a `shape` (without the batch dimension) or a `batch_shape` is "
                    "required; received neither.")
            shape = (shape,) if isinstance(shape, int) else shape
            batch_shape = (batch_size,) + tuple(shape)
        try:
            self._batch_shape = tuple(None if d is None else int(d) for d in batch_shape)
        except (TypeError, ValueError):
            raise ValueError(
                f"InputLayer: the shape must be a tuple of ints or None; received "
                f"{batch_shape!r}.") from None
        if any(d is not None and d < 0 for d in self._batch_shape):
            raise ValueError(f"InputLayer: negative dimension in shape {self._batch_shape}.")
        self._dtype = standardize_dtype(dtype) if dtype is not None else floatx()
        self.optional = optional
        self.sparse = False
        self.built = True
        if input_tensor is None:
            input_tensor = KerasTensor(self._batch_shape, self._dtype, name=self.name)
        self._input_tensor = input_tensor
        Node(self, (), {}, input_tensor)

    @property
    def batch_shape(self):
        return self._batch_shape

    @property
    def dtype(self):
        return self._dtype

    def call(self):
        return None

    def get_config(self):
        return {"batch_shape": self._batch_shape, "dtype": self._dtype, "sparse": False,
                "ragged": False, "name": self.name, "optional": self.optional}


def Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None,
          tensor=None, optional=False):
    """A symbolic tensor to start a Functional model from (as keras.Input).

        inputs = kerasish.Input(shape=(32,))   # the batch dimension is left unknown
        outputs = kerasish.layers.Dense(4)(inputs)
        model = kerasish.Model(inputs, outputs)
    """
    layer = InputLayer(shape=shape, batch_size=batch_size, dtype=dtype, sparse=sparse,
                       batch_shape=batch_shape, input_tensor=tensor, optional=optional, name=name)
    return layer.output
