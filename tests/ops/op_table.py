"""The declarative table of op checks: one `OpCase` per op configuration.

Each family's cases live in tests/ops/specs/<family>.py as a list `CASES`; adding an op means adding
its cases there, and tests/ops/test_op_table.py then checks, for every case:
- the forward pass agrees between the NumPy and JAX backends (values, shape and dtype), for each
  dtype in the case;
- for differentiable cases, the NumPy tape's gradient agrees with jax.grad (float64, rtol 1e-6) and
  with central finite differences along random directions.

Arguments are described, not given, so each dtype and seed makes fresh inputs:
- `F(shape, low=-1, high=1)`: a float array of the case's dtype, uniform in [low, high);
- `I(shape, low=0, high=5, dtype="int32")`: an int array; `B(shape)`: a bool array;
- `P(shape)`: a float array of distinct values (safe for max, sort, argmax...);
- `L(desc, desc, ...)`: a Python list of arrays (concatenate, stack);
- anything else (ints, tuples, strings, None, Python floats) is passed as it is.
"""
import dataclasses
import importlib
import pkgutil

import numpy as np


@dataclasses.dataclass(frozen=True)
class F:
    shape: tuple
    low: float = -1.0
    high: float = 1.0

    def make(self, rng, dtype):
        return rng.uniform(self.low, self.high, size=self.shape).astype(dtype)


@dataclasses.dataclass(frozen=True)
class P:
    """Distinct values: a random permutation of a spread grid, so ties never occur."""
    shape: tuple
    scale: float = 1.0

    def make(self, rng, dtype):
        n = int(np.prod(self.shape))
        values = (rng.permutation(n) - n / 2) * (self.scale * 2 / max(n, 1)) + rng.uniform(0, 0.1 / max(n, 1))
        return values.reshape(self.shape).astype(dtype)


@dataclasses.dataclass(frozen=True)
class I:
    shape: tuple
    low: int = 0
    high: int = 5
    dtype: str = "int32"

    def make(self, rng, dtype):
        return rng.integers(self.low, self.high, size=self.shape).astype(self.dtype)


@dataclasses.dataclass(frozen=True)
class B:
    shape: tuple

    def make(self, rng, dtype):
        return rng.uniform(size=self.shape) < 0.5


@dataclasses.dataclass(frozen=True)
class L:
    items: tuple

    def __init__(self, *items):
        object.__setattr__(self, "items", items)

    def make(self, rng, dtype):
        return [make_arg(item, rng, dtype) for item in self.items]


def make_arg(desc, rng, dtype):
    return desc.make(rng, dtype) if hasattr(desc, "make") else desc


@dataclasses.dataclass(frozen=True)
class OpCase:
    """One configuration of one op.

    op: the kerasish.ops name. args/kwargs: argument descriptors (see the module doc).
    dtypes: the float dtypes to run (int-only cases list int dtypes; F args then take that dtype).
    grad: check gradients w.r.t. the float array arguments (False for ops with no gradient).
    grad_argnums: which positional args to differentiate (default: every F/P arg, and L of them).
    rtol/atol: forward tolerances for float32 (float64 uses 1e-9 unless `rtol64` is given).
    id: distinguishes several cases of one op in test names.
    """
    op: str
    args: tuple = ()
    kwargs: dict = dataclasses.field(default_factory=dict)
    dtypes: tuple = ("float32", "float64")
    grad: bool = True
    grad_argnums: tuple = None
    rtol: float = 1e-5
    atol: float = 1e-6
    rtol64: float = 1e-9
    fd_rtol: float = 1e-5
    id: str = ""

    @property
    def name(self):
        return f"{self.op}-{self.id}" if self.id else self.op

    def differentiable_argnums(self):
        if self.grad_argnums is not None:
            return tuple(self.grad_argnums)
        return tuple(i for i, a in enumerate(self.args)
                     if isinstance(a, (F, P)) or isinstance(a, L) and all(isinstance(x, (F, P)) for x in a.items))

    def make(self, dtype, seed=0):
        rng = np.random.default_rng(seed)
        args = [make_arg(a, rng, dtype) for a in self.args]
        kwargs = {k: make_arg(v, rng, dtype) for k, v in self.kwargs.items()}
        return args, kwargs


def all_cases():
    """Every OpCase from every module in tests/ops/specs/."""
    from tests.ops import specs

    cases = []
    for module_info in pkgutil.iter_modules(specs.__path__):
        module = importlib.import_module(f"tests.ops.specs.{module_info.name}")
        cases.extend(module.CASES)
    return cases
