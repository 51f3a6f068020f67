"""Calling the active backend. Every kerasish.ops function ends here, so there is one place that
decides how an op runs (concrete tensors now; symbolic tensors join later)."""
from kerasish.backend.active import get_backend


def dispatch(name, *args, **kwargs):
    backend = get_backend()
    try:
        fn = getattr(backend, name)
    except AttributeError:
        raise NotImplementedError(
            f"The {backend.name!r} backend does not implement the op {name!r}.") from None
    return fn(*args, **kwargs)
