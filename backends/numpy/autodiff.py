"""Reverse-mode automatic differentiation for the NumPy backend.

How it works, in the spirit of micrograd but on arrays:
- `value_and_grad(f)` wraps each input leaf in a `Box` (the value plus where it came from) and
  calls `f`.
- Every backend op is a `@primitive`: called on plain arrays it is plain NumPy; called with a Box
  among its arguments it computes on the unwrapped values and returns a new Box that remembers its
  parent Boxes and how to pull a cotangent back to them (its vector-Jacobian products, `defvjp`).
- The Boxes form a graph (the tape). `backward` visits it in reverse creation order, so each node's
  cotangent is complete before it is pulled back to its parents.

VJPs are plain NumPy functions `vjp(g, ans, *args, **kwargs)` of the output cotangent `g`, the
forward output `ans` and the forward arguments (unwrapped). A VJP may return a gradient with the
broadcast shape or a wider dtype; `backward` sums it back to the parent's shape and casts it to the
parent's dtype, so binary ops need no unbroadcasting of their own.

Only first-order gradients: a `value_and_grad` inside another one may differentiate values of its
own, but mixing the two (a gradient of a gradient) raises a clear error; the JAX backend has them.
"""
import functools
import itertools

import numpy as np

from kerasish import tree

_trace_ids = itertools.count(1)
_node_ids = itertools.count()

# VJP functions per primitive: {primitive: (vjp for positional arg 0, vjp for arg 1, ...)}.
_vjps = {}


class Box:
    """An array being differentiated: its value, the trace it belongs to and its parents."""

    __slots__ = ("value", "trace", "node_id", "parents", "vjp", "__weakref__")
    # Make NumPy defer to Box's reflected operators (ndarray + Box -> Box.__radd__).
    __array_priority__ = 100.0
    __array_ufunc__ = None

    def __init__(self, value, trace, parents=(), vjp=None):
        self.value = value
        self.trace = trace
        self.node_id = next(_node_ids)
        self.parents = parents  # tuple of (Box, pull) with pull(g) -> cotangent for that Box
        self.vjp = vjp

    shape = property(lambda self: self.value.shape)
    dtype = property(lambda self: self.value.dtype)
    ndim = property(lambda self: self.value.ndim)
    size = property(lambda self: self.value.size)

    def __len__(self):
        return len(self.value)

    def __repr__(self):
        return f"Box({self.value!r})"

    def __array__(self, dtype=None, copy=None):
        raise TypeError(
            "A value being differentiated (inside value_and_grad on the numpy backend) cannot be "
            "converted to a NumPy array: that would cut it from the gradient. Use kerasish.ops on "
            "it, or kerasish.ops.stop_gradient(x) when a constant is meant.")

    def __bool__(self):
        return bool(self.value)

    def __float__(self):
        return float(self.value)

    def __int__(self):
        return int(self.value)

    def __index__(self):
        return int(self.value)

    def __hash__(self):
        return id(self)


def _ops():
    # The operator overloads route to the backend's ops; imported late to avoid an import cycle.
    from kerasish.backends import numpy as backend

    return backend


def _binary(name, reflected=False):
    def method(self, other):
        fn = getattr(_ops(), name)
        return fn(other, self) if reflected else fn(self, other)

    method.__name__ = name
    return method


for _name, _op in [("add", "add"), ("sub", "subtract"), ("mul", "multiply"),
                   ("truediv", "true_divide"), ("floordiv", "floor_divide"), ("mod", "mod"),
                   ("pow", "power"), ("matmul", "matmul")]:
    setattr(Box, f"__{_name}__", _binary(_op))
    setattr(Box, f"__r{_name}__", _binary(_op, reflected=True))
for _name, _op in [("lt", "less"), ("le", "less_equal"), ("gt", "greater"),
                   ("ge", "greater_equal"), ("eq", "equal"), ("ne", "not_equal"),
                   ("and", "logical_and"), ("or", "logical_or"), ("xor", "logical_xor")]:
    setattr(Box, f"__{_name}__", _binary(_op))
Box.__neg__ = lambda self: _ops().negative(self)
Box.__pos__ = lambda self: self
Box.__abs__ = lambda self: _ops().abs(self)
Box.__invert__ = lambda self: _ops().logical_not(self)
Box.__getitem__ = lambda self, key: _ops().getitem(self, key)
Box.T = property(lambda self: _ops().transpose(self))
Box.astype = lambda self, dtype: _ops().cast(self, dtype)
Box.reshape = lambda self, *shape: _ops().reshape(
    self, shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape)


def unbox(x):
    """The plain value of a Box (any other value is returned as it is)."""
    return x.value if isinstance(x, Box) else x


def _find_boxes(args):
    """(position, Box) for each Box among positional args and inside list/tuple args."""
    found = []
    for i, arg in enumerate(args):
        if isinstance(arg, Box):
            found.append(((i, None), arg))
        elif isinstance(arg, (list, tuple)):
            for j, item in enumerate(arg):
                if isinstance(item, Box):
                    found.append(((i, j), item))
    return found


def _unbox_args(args):
    return tuple(
        type(arg)(unbox(item) for item in arg) if isinstance(arg, (list, tuple)) else unbox(arg)
        for arg in args)


def _is_differentiable(value):
    return isinstance(value, np.ndarray) and value.dtype.kind in "fc"


def primitive(forward):
    """Makes `forward` (plain NumPy in, one array out) a differentiable op.

    Without Boxes among its arguments it runs as it is. With Boxes, it runs on their values and
    returns a Box linked to them, unless the op has no VJP (comparisons, argmax...) or its output
    is not a float (then the output is a constant for differentiation).
    """

    @functools.wraps(forward)
    def wrapped(*args, **kwargs):
        boxes = _find_boxes(args)
        if not boxes:
            ans = forward(*args, **kwargs)
            return np.asarray(ans) if isinstance(ans, np.generic) else ans
        trace = boxes[0][1].trace
        if any(box.trace != trace for _, box in boxes):
            raise NotImplementedError(
                "The numpy backend computes first-order gradients only: this value_and_grad "
                "differentiates a function that depends on an outer value_and_grad's inputs "
                "(a gradient of a gradient). Use the jax backend for higher-order gradients.")
        raw = _unbox_args(args)
        ans = forward(*raw, **kwargs)
        if isinstance(ans, np.generic):
            ans = np.asarray(ans)
        vjps = _vjps.get(wrapped)
        if vjps is None or not _is_differentiable(ans):
            return ans
        parents = []
        list_caches = {}  # one per list argument, so its VJP runs once for all its items
        for (i, j), box in boxes:
            if i >= len(vjps) or vjps[i] is None:
                continue  # not differentiable in this argument (an index, say)
            cache = None if j is None else list_caches.setdefault(i, {})
            parents.append((box, _make_pull(vjps[i], j, cache, ans, raw, kwargs)))
        if not parents:
            return ans
        return Box(ans, trace, tuple(parents))

    wrapped.forward = forward
    return wrapped


def _make_pull(vjp, item, cache, ans, raw, kwargs):
    if item is None:
        return lambda g: vjp(g, ans, *raw, **kwargs)

    def pull_item(g):
        # The backward pass hands the same cotangent object to every item of the list in turn.
        if cache.get("g") is not g:
            cache["g"], cache["grads"] = g, vjp(g, ans, *raw, **kwargs)
        return cache["grads"][item]

    return pull_item


def defvjp(prim, *vjps):
    """Registers the VJPs of `prim`, one per positional argument (None: not differentiable).

    For an argument that is a list of arrays (concatenate, stack), the VJP returns a list with a
    cotangent per item.
    """
    _vjps[prim] = vjps


def defnondiff(prim):
    """Declares that `prim` has no gradient (its output is a constant for differentiation)."""
    _vjps.pop(prim, None)


def sum_to_shape(g, shape):
    """Sums `g` over the axes along which an array of `shape` was broadcast to g's shape."""
    if g.shape == tuple(shape):
        return g
    extra = g.ndim - len(shape)
    if extra < 0:
        raise ValueError(f"Internal error: a gradient of shape {g.shape} for a value of shape {shape}.")
    axes = tuple(range(extra)) + tuple(
        i + extra for i, n in enumerate(shape) if n == 1 and g.shape[i + extra] != 1)
    g = np.sum(g, axis=axes, keepdims=True)
    return g.reshape(shape)


def backward(output, g):
    """Pulls the cotangent `g` of `output` back through the graph; {node_id: cotangent} of leaves."""
    # Gather the graph reachable from the output, then visit it newest first: every consumer of a
    # node was created after it, so its cotangent is complete when the node is reached.
    nodes, stack, seen = [], [output], {output.node_id}
    while stack:
        node = stack.pop()
        nodes.append(node)
        for parent, _ in node.parents:
            if parent.node_id not in seen:
                seen.add(parent.node_id)
                stack.append(parent)
    nodes.sort(key=lambda n: n.node_id, reverse=True)
    cotangents = {output.node_id: g}
    leaves = {}
    for node in nodes:
        g = cotangents.pop(node.node_id, None)
        if g is None:
            continue
        if not node.parents:
            leaves[node.node_id] = g
            continue
        for parent, pull in node.parents:
            pg = pull(g)
            if pg is None:
                continue
            pg = sum_to_shape(np.asarray(pg), parent.value.shape)
            if pg.dtype != parent.value.dtype:
                pg = pg.astype(parent.value.dtype)
            previous = cotangents.get(parent.node_id)
            cotangents[parent.node_id] = pg if previous is None else previous + pg
    return leaves


def _as_differentiable_leaf(x, argnum):
    if isinstance(x, Box):
        raise NotImplementedError(
            "The numpy backend computes first-order gradients only: this value_and_grad receives a "
            "value that an outer value_and_grad is differentiating (a gradient of a gradient). Use "
            "the jax backend for higher-order gradients.")
    value = x
    if isinstance(value, (bool, int)) or not np.issubdtype(np.asarray(value).dtype, np.inexact):
        dtype = np.asarray(value).dtype
        raise TypeError(
            f"value_and_grad: argument {argnum} has a leaf of dtype {dtype}; gradients need float "
            f"inputs. Cast it to a float dtype or leave it out of argnums.")
    if isinstance(value, float):
        from kerasish.backend import config

        value = np.asarray(value, dtype=config.floatx())
    return np.asarray(value)


def value_and_grad(fun, argnums=0, has_aux=False):
    """Returns a function computing `fun`'s value and its gradient w.r.t. `argnums`.

    As jax.value_and_grad: `fun` returns a scalar (or `(scalar, aux)` with has_aux=True); the
    gradients mirror the nested structure (lists, tuples, dicts) of the differentiated arguments.
    """
    single = isinstance(argnums, int)
    argnum_tuple = (argnums,) if single else tuple(argnums)

    @functools.wraps(fun)
    def value_and_grad_fun(*args, **kwargs):
        trace = next(_trace_ids)
        args = list(args)
        boxed = {}
        for argnum in argnum_tuple:
            if argnum >= len(args):
                raise TypeError(
                    f"value_and_grad: argnums {argnum} is out of range for {len(args)} positional arguments.")
            leaves = [Box(_as_differentiable_leaf(leaf, argnum), trace) for leaf in tree.flatten(args[argnum])]
            boxed[argnum] = leaves
            args[argnum] = tree.pack_sequence_as(args[argnum], leaves)
        out = fun(*args, **kwargs)
        if has_aux:
            if not (isinstance(out, (tuple, list)) and len(out) == 2):
                raise TypeError("value_and_grad with has_aux=True: the function must return (value, aux).")
            out, aux = out
        value = unbox(out)
        if np.ndim(value) != 0:
            raise TypeError(
                f"value_and_grad: the function must return a scalar, got an output of shape {np.shape(value)}.")
        if isinstance(out, Box) and out.trace == trace:
            leaf_grads = backward(out, np.ones_like(value))
        else:
            leaf_grads = {}  # the output does not depend on the inputs
        grads = []
        for argnum in argnum_tuple:
            flat = [leaf_grads.get(box.node_id, np.zeros_like(box.value)) for box in boxed[argnum]]
            original = args[argnum]
            grads.append(tree.pack_sequence_as(original, flat))
        grads = grads[0] if single else tuple(grads)
        value = np.asarray(value)
        if has_aux:
            return (value, tree.map_structure(unbox, aux)), grads
        return value, grads

    return value_and_grad_fun


def grad(fun, argnums=0, has_aux=False):
    """As jax.grad: only the gradient (and aux with has_aux=True)."""
    vg = value_and_grad(fun, argnums=argnums, has_aux=has_aux)

    @functools.wraps(fun)
    def grad_fun(*args, **kwargs):
        (value_or_pair), grads = vg(*args, **kwargs)
        if has_aux:
            return grads, value_or_pair[1]
        return grads

    return grad_fun


def stop_gradient(x):
    """The value of x, as a constant for differentiation."""
    return unbox(x)


def custom_gradient(f):
    """As keras.ops.custom_gradient: `f(*args)` returns `(y, grad_fn)`; `grad_fn(upstream)`
    (or `grad_fn(*, upstream=...)`) returns the cotangent of each argument."""

    @functools.wraps(f)
    def wrapped(*args):
        boxes = _find_boxes(args)
        y, grad_fn = f(*_unbox_args(args))
        y = unbox(y)
        if not boxes:
            return y

        cache = {}

        def all_grads(g):
            key = id(g)
            if key not in cache:
                try:
                    result = grad_fn(g)
                except TypeError:
                    result = grad_fn(upstream=g)
                if not isinstance(result, (tuple, list)):
                    result = (result,)
                cache.clear()
                cache[key] = tuple(unbox(r) for r in result)
            return cache[key]

        parents = tuple((box, (lambda g, i=i: all_grads(g)[i])) for (i, _), box in boxes)
        return Box(np.asarray(y), boxes[0][1].trace, parents)

    return wrapped
