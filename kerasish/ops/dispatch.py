"""Calling the active backend. Every kerasish.ops function ends here, so this is the one place
that decides how an op runs:

- Variables among the arguments (directly, or inside a list/tuple argument such as
  `concatenate([v, x])`) are replaced by their current value, so backends never see a Variable;
- if any argument is a symbolic KerasTensor, the op is not run: its output's shape and dtype are
  found by abstract evaluation and the call is recorded in the Functional graph.
"""
from kerasish.backend.active import get_backend
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.backend.variable import Variable


def dispatch(name, *args, **kwargs):
    backend = get_backend()
    try:
        fn = getattr(backend, name)
    except AttributeError:
        raise NotImplementedError(
            f"The {backend.name!r} backend does not implement the op {name!r}.") from None
    symbolic = False
    if args:
        args, symbolic = _unwrap_args(args)
    if kwargs:
        for key, value in kwargs.items():
            if isinstance(value, Variable):
                kwargs[key] = value.value
            elif isinstance(value, KerasTensor):
                symbolic = True
    if symbolic:
        from kerasish.ops.symbolic_op import symbolic_call
        return symbolic_call(name, fn, args, kwargs)
    return fn(*args, **kwargs)


def _unwrap_args(args):
    symbolic = False
    unwrapped = None
    for i, value in enumerate(args):
        if isinstance(value, Variable):
            unwrapped = unwrapped or list(args)
            unwrapped[i] = value.value
        elif isinstance(value, KerasTensor):
            symbolic = True
        elif type(value) in (list, tuple):
            inner = None
            for j, item in enumerate(value):
                if isinstance(item, Variable):
                    inner = inner or list(value)
                    inner[j] = item.value
                elif isinstance(item, KerasTensor):
                    symbolic = True
            if inner is not None:
                unwrapped = unwrapped or list(args)
                unwrapped[i] = type(value)(inner)
    return (tuple(unwrapped) if unwrapped is not None else args), symbolic
