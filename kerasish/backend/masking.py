"""Masks attached to tensors (keras.backend.get_keras_mask / set_keras_mask).

A layer that produces a mask (Embedding(mask_zero=True), Masking) attaches it to its output; the
next layer that accepts `mask` receives it. Tensors that take attributes (KerasTensor) hold it as
`_keras_mask`; others (np.ndarray, jax arrays and tracers) through a table keyed by identity that
forgets an entry when its tensor is freed.
"""
import weakref

_masks = {}  # id(tensor) -> (weak reference to the tensor, mask)


def set_keras_mask(x, mask):
    try:
        x._keras_mask = mask
        return
    except AttributeError:
        pass
    key = id(x)
    if mask is None:
        _masks.pop(key, None)
        return
    try:
        ref = weakref.ref(x, lambda _, key=key: _masks.pop(key, None))
    except TypeError:
        return  # cannot hold a mask (a Python number, say)
    _masks[key] = (ref, mask)


def get_keras_mask(x):
    try:
        return x._keras_mask
    except AttributeError:
        pass
    entry = _masks.get(id(x))
    if entry is None or entry[0]() is not x:
        return None
    return entry[1]
