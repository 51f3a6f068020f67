"""KerasTensor: a symbolic tensor (a shape and a dtype, no values) for building Functional models.

`kerasish.Input(shape=(4,))` returns one; calling a layer or an op on it computes the output's shape
and dtype by abstract evaluation (`compute_output_spec`), not by running on data, and records the
call in the graph (`_keras_history`) so `Model(inputs, outputs)` can replay it.
"""
from kerasish import tree
from kerasish.backend import dtypes
from kerasish.backend.tensor_operators import TensorOperators


class KerasTensor(TensorOperators):
    def __init__(self, shape, dtype="float32", sparse=False, ragged=False, record_history=True,
                 name=None):
        self._shape = tuple(None if d is None else int(d) for d in shape)
        self._dtype = dtypes.standardize_dtype(dtype)
        self.sparse = bool(sparse)
        self.ragged = bool(ragged)
        self.name = name
        self.record_history = record_history
        self._keras_history = None  # (operation, node_index, tensor_index), set when recorded
        self._keras_mask = None

    @property
    def shape(self):
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def ndim(self):
        return len(self._shape)

    def reshape(self, new_shape):
        return _ops().reshape(self, new_shape)

    def numpy(self):
        raise ValueError(
            "A KerasTensor is symbolic: it has a shape and a dtype but no values, so it cannot be "
            "converted to a NumPy array. Build a model with it, then call the model on data.")

    def __array__(self, *args, **kwargs):
        self.numpy()

    def __bool__(self):
        raise TypeError(
            "A symbolic KerasTensor cannot be used as a Python bool (in `if` or `while`): its "
            "value is unknown while the model is being built. Use kerasish.ops.cond or "
            "kerasish.ops.where instead.")

    def __len__(self):
        if not self._shape or self._shape[0] is None:
            raise TypeError(f"len() of a KerasTensor with shape {self._shape} is unknown.")
        return self._shape[0]

    def __iter__(self):
        raise TypeError("A symbolic KerasTensor cannot be iterated over.")

    def __repr__(self):
        return (f"<KerasTensor shape={self._shape}, dtype={self._dtype}, sparse={self.sparse}, "
                f"ragged={self.ragged}, name={self.name}>")

    def __pos__(self):
        return self


def _ops():
    from kerasish import ops
    return ops


def is_keras_tensor(x):
    return isinstance(x, KerasTensor)


def any_symbolic(structure):
    return any(isinstance(x, KerasTensor) for x in tree.flatten(structure))


# Sizes substituted for unknown (None) dimensions, two at a time: a dimension of the output that
# differs between the two runs depends on an unknown input dimension and is unknown too. A backend
# may list cheaper pairs to try first (the NumPy backend really computes on zeros).
DEFAULT_PROBE_SIZES = ((83, 89),)


def compute_output_spec(fn, *args, **kwargs):
    """The KerasTensors `fn(*args, **kwargs)` would return, with KerasTensor arguments, found by
    the active backend's abstract evaluation. Variables are not assigned and seeds do not advance.
    """
    from kerasish.backend.active import get_backend
    from kerasish.backend.symbolic_scope import symbolic_scope

    backend = get_backend()
    has_unknown = any(isinstance(x, KerasTensor) and None in x.shape
                      for x in tree.flatten((args, kwargs)))
    with symbolic_scope():
        if not has_unknown:
            return backend.compute_output_spec(fn, *args, **kwargs)
        pairs = getattr(backend, "symbolic_probe_sizes", DEFAULT_PROBE_SIZES)
        for i, sizes in enumerate(pairs):
            try:
                first, second = (_probe(backend, fn, args, kwargs, n) for n in sizes)
            except Exception:
                if i == len(pairs) - 1:
                    raise
                continue
            return tree.map_structure(_merge, first, second)


def _probe(backend, fn, args, kwargs, size):
    from kerasish.backend.symbolic_scope import symbolic_scope
    with symbolic_scope(probe_size=size):
        return backend.compute_output_spec(fn, *_fill(args, size), **_fill(kwargs, size))


def _fill(structure, size):
    def fill(x):
        if isinstance(x, KerasTensor) and None in x.shape:
            return KerasTensor(tuple(size if d is None else d for d in x.shape), x.dtype,
                               record_history=False)
        return x
    return tree.map_structure(fill, structure)


def _merge(a, b):
    if not isinstance(a, KerasTensor):
        return a
    shape = tuple(m if m == n else None for m, n in zip(a.shape, b.shape))
    return KerasTensor(shape, a.dtype, record_history=False)
