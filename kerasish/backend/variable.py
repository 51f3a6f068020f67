"""kerasish.Variable: a named, mutable tensor (a layer's weight, an optimizer slot, a seed state).

A Variable holds its value as a tensor of the backend that was active when it was created (a model
belongs to the backend it was built under). Inside a `StatelessScope` it reads the value the scope
maps it to and its assignments are recorded in the scope; inside a symbolic scope assignments are
skipped. Ops accept Variables anywhere they accept tensors (kerasish.ops.dispatch unwraps them).
"""
import contextlib

import numpy as np

from kerasish.backend import dtypes
from kerasish.backend.active import get_backend
from kerasish.backend.name_scope import current_path
from kerasish.backend.stateless_scope import current_value, get_stateless_scope, in_stateless_scope
from kerasish.backend.symbolic_scope import in_symbolic_scope
from kerasish.backend.tensor_operators import TensorOperators


class Variable(TensorOperators):
    """As keras.Variable.

    initializer: an initializer (object, string or callable taking `shape, dtype`), or an initial
    value (array or number). shape: needed when `initializer` is callable.
    """

    def __init__(self, initializer, shape=None, dtype=None, trainable=True, autocast=True,
                 aggregation="none", synchronization="auto", name=None):
        from kerasish import initializers

        if name is None:
            name = "variable"
        if not isinstance(name, str) or "/" in name:
            raise ValueError(
                f"Variable: `name` must be a string without '/'; received name={name!r}.")
        self.name = name
        parent = current_path()
        self.path = f"{parent}/{name}" if parent else name
        self.trainable = bool(trainable)
        self.autocast = autocast
        self.aggregation = aggregation
        self.synchronization = synchronization
        self.constraint = None
        self.regularizer = None
        self.overwrite_with_gradient = False
        self._backend = get_backend()
        if isinstance(initializer, str) or (callable(initializer) and not _is_array(initializer)):
            if shape is None:
                raise ValueError(
                    f"Variable {self.path!r}: when `initializer` is an initializer, `shape` is "
                    f"required; received shape=None.")
            self._initializer = initializers.get(initializer)
            self._dtype = dtypes.standardize_dtype(dtype) if dtype is not None else _floatx()
            with _eager(self._backend):
                value = self._initializer(tuple(shape), dtype=self._dtype)
        else:
            self._initializer = None
            value = initializer
            if dtype is None:
                dtype = getattr(value, "dtype", None)
                dtype = _floatx() if dtype is None else dtypes.standardize_dtype(dtype)
            self._dtype = dtypes.standardize_dtype(dtype)
            if shape is not None and tuple(np.shape(value)) != tuple(shape):
                raise ValueError(
                    f"Variable {self.path!r}: the initial value has shape {tuple(np.shape(value))}, "
                    f"but shape={tuple(shape)} was passed.")
        with _eager(self._backend):
            self._value = self._convert(value)
        self._shape = tuple(int(d) for d in self._value.shape)

    # -- the value --------------------------------------------------------------------------
    def _convert(self, value):
        if isinstance(value, Variable):
            value = value.value
        return self._backend.convert_to_tensor(value, dtype=self._dtype)

    @property
    def value(self):
        if in_stateless_scope():
            mapped = current_value(self)
            if mapped is not None:
                return mapped
        return self._value

    def numpy(self):
        return np.asarray(self._backend.convert_to_numpy(self.value))

    def assign(self, value):
        value = self._convert(value)
        if tuple(value.shape) != self._shape:
            raise ValueError(
                f"Variable {self.path!r} has shape {self._shape}; cannot assign a value of shape "
                f"{tuple(value.shape)}.")
        if in_symbolic_scope():
            return value
        scope = get_stateless_scope()
        if scope is not None:
            scope.add_update(self, value)
        else:
            self._value = value
        return value

    def assign_add(self, value):
        return self.assign(self._backend.add(self.value, self._convert(value)))

    def assign_sub(self, value):
        return self.assign(self._backend.subtract(self.value, self._convert(value)))

    # -- description ------------------------------------------------------------------------
    @property
    def shape(self):
        return self._shape

    @property
    def ndim(self):
        return len(self._shape)

    @property
    def dtype(self):
        return self._dtype

    @property
    def initializer(self):
        return self._initializer

    def __repr__(self):
        return (f"<Variable path={self.path}, shape={self._shape}, dtype={self._dtype}, "
                f"value={self.numpy()!r}>")

    def __array__(self, dtype=None, copy=None):
        value = self.numpy()
        return value if dtype is None else value.astype(dtype)

    def __jax_array__(self):
        return self.value

    def __len__(self):
        if not self._shape:
            raise TypeError("len() of a 0-d Variable.")
        return self._shape[0]

    def __bool__(self):
        return bool(self.numpy())

    def __float__(self):
        return float(self.numpy())

    def __int__(self):
        return int(self.numpy())

    def __pos__(self):
        return self.value


def _eager(backend):
    """The backend's scope for concrete computation inside a trace, if it has one."""
    eager = getattr(backend, "eager_scope", None)
    return eager() if eager is not None else contextlib.nullcontext()


def _floatx():
    from kerasish.backend.config import floatx
    return floatx()


def _is_array(x):
    return hasattr(x, "shape") and hasattr(x, "dtype")
