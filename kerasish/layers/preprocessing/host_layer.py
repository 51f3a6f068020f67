"""The base of the string preprocessing layers (Hashing, StringLookup, IntegerLookup,
TextVectorization). Like Keras on a non-TensorFlow backend, they run eagerly on the host on
NumPy arrays (str, bytes or int), outside any jitted step, and return backend tensors."""
import numpy as np

from kerasish import ops
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.layers.layer import Layer


def to_host_array(x):
    """`x` (a list, tuple, scalar, NumPy array or backend tensor) as a NumPy array."""
    if isinstance(x, np.ndarray):
        return x
    if ops.is_tensor(x):
        return np.asarray(ops.convert_to_numpy(x))
    return np.asarray(x, dtype=object if _has_text(x) else None)


def _has_text(x):
    if isinstance(x, (str, bytes)):
        return True
    if isinstance(x, (list, tuple)):
        return any(_has_text(v) for v in x[:1])
    return False


def is_text(array):
    return array.dtype.kind in "USO"


def as_text(array, encoding="utf-8"):
    """An object array of Python str (bytes decoded with `encoding`), same shape."""
    flat = [v.decode(encoding) if isinstance(v, bytes) else str(v) for v in array.reshape(-1)]
    return np.array(flat, dtype=object).reshape(array.shape)


def as_int_text(array):
    """Integers (floats truncated) as their decimal strings, as Keras hashes numbers."""
    if array.dtype.kind == "f":
        array = array.astype("int64")
    return np.array([str(int(v)) for v in array.reshape(-1)], dtype=object).reshape(array.shape)


class HostLayer(Layer):
    _convert_input_args = False  # strings are not tensors: inputs reach `call` as given

    def __call__(self, inputs, *args, **kwargs):
        if isinstance(inputs, KerasTensor):
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} runs eagerly on the host (as Keras's "
                f"string layers do outside TensorFlow) and cannot be called on a symbolic "
                f"kerasish.Input; apply it to the data before the model (e.g. in a "
                f"PyDataset or a preprocessing step).")
        return super().__call__(to_host_array(inputs), *args, **kwargs)

    def build(self, input_shape=None):
        self.built = True

    def get_build_config(self):
        return {}

    def build_from_config(self, config):
        self.built = True
