"""The one layer check every catalog entry goes through (see layer_catalog.py):

- kerasish builds and calls the layer; Keras 3 (the test-only oracle) builds the same layer,
  takes our weights by set_weights, and must give the same output;
- the config equals Keras's (same arguments and defaults), and the weights have Keras's names,
  shapes and order;
- calling the layer on kerasish.Input gives the output's shape (batch unknown) and dtype without
  data;
- from_config(get_config()) plus set_weights(get_weights()) rebuilds a layer with equal output.
"""
import json

import numpy as np

import kerasish
from kerasish import ops


def make_inputs(case, seed=0):
    rng = np.random.RandomState(seed)
    shapes = case.input_shape if isinstance(case.input_shape, list) else [case.input_shape]
    arrays = []
    for shape in shapes:
        if case.input_dtype.startswith("int"):
            arrays.append(rng.randint(case.int_low, case.int_high, size=shape).astype(case.input_dtype))
        else:
            arrays.append(rng.randn(*shape).astype(case.input_dtype))
    return arrays if isinstance(case.input_shape, list) else arrays[0]


def to_numpy(x):
    return kerasish.tree.map_structure(lambda t: np.asarray(ops.convert_to_numpy(t)), x)


def make_layer(module, case):
    cls = getattr(module.layers, case.layer)
    # Callable kwargs build layer arguments (cells, wrapped layers) from the library under test.
    kwargs = case.kwargs(module.layers) if callable(case.kwargs) else dict(case.kwargs)
    return cls(**kwargs)


def keras_module():
    import keras
    return keras


def call(layer, x, case):
    return layer(x, **case.call_kwargs)


def check_against_keras(case):
    keras = keras_module()
    x = make_inputs(case)
    ours = make_layer(kerasish, case)
    y = to_numpy(call(ours, x, case))

    theirs = make_layer(keras, case)
    call(theirs, x, case)  # builds
    theirs.set_weights(ours.get_weights())
    expected = kerasish.tree.map_structure(np.asarray, call(theirs, x, case))
    for a, b in zip(kerasish.tree.flatten(y), kerasish.tree.flatten(expected)):
        assert a.shape == b.shape, f"{case.id}: output shape {a.shape}, Keras {b.shape}"
        assert a.dtype == b.dtype, f"{case.id}: output dtype {a.dtype}, Keras {b.dtype}"
        np.testing.assert_allclose(a, b, rtol=case.rtol, atol=case.atol, err_msg=case.id)

    assert [w.path.split("/")[-1] for w in ours.weights] == [w.name for w in theirs.weights]
    assert [tuple(w.shape) for w in ours.weights] == [tuple(w.shape) for w in theirs.weights]
    assert len(ours.trainable_weights) == len(theirs.trainable_weights)
    if case.compare_config:
        ours_config, keras_config = _normalized_config(ours), _normalized_config(theirs)
        differing = {k: (ours_config.get(k), keras_config.get(k))
                     for k in set(ours_config) | set(keras_config)
                     if ours_config.get(k) != keras_config.get(k)}
        assert not differing, f"{case.id}: config differs from Keras's (ours, Keras): {differing}"


def _normalized_config(layer):
    config = dict(layer.get_config())
    config.pop("name", None)
    # Floats compared at float32 precision (Keras's L1 keeps its factor as a float32).
    return json.loads(json.dumps(config, default=str),
                      parse_float=lambda text: float(np.float32(float(text))))


def check_symbolic(case):
    x = make_inputs(case)
    concrete = kerasish.tree.flatten(call(make_layer(kerasish, case), x, case))
    shapes = case.input_shape if isinstance(case.input_shape, list) else [case.input_shape]
    inputs = [kerasish.Input(batch_shape=(None,) + tuple(s[1:]), dtype=case.input_dtype) for s in shapes]
    symbolic_in = inputs if isinstance(case.input_shape, list) else inputs[0]
    symbolic = kerasish.tree.flatten(call(make_layer(kerasish, case), symbolic_in, case))
    assert len(symbolic) == len(concrete)
    for s, c in zip(symbolic, concrete):
        assert isinstance(s, kerasish.KerasTensor)
        assert s.shape == (None,) + tuple(c.shape[1:]), f"{case.id}: {s.shape} vs {c.shape}"
        assert s.dtype == kerasish.backend.standardize_dtype(c.dtype), case.id
    model = kerasish.Model(symbolic_in, call(make_layer(kerasish, case), symbolic_in, case))
    out = kerasish.tree.flatten(to_numpy(model(x)))
    assert [o.shape for o in out] == [tuple(c.shape) for c in concrete]


def check_config_round_trip(case):
    x = make_inputs(case)
    layer = make_layer(kerasish, case)
    y = to_numpy(call(layer, x, case))
    config = layer.get_config()
    clone = type(layer).from_config(config)
    assert clone.get_config() == config
    call(clone, x, case)
    clone.set_weights(layer.get_weights())
    for a, b in zip(kerasish.tree.flatten(y), kerasish.tree.flatten(to_numpy(call(clone, x, case)))):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)


def gradients(case, backend_name):
    """Gradients of a fixed projection of the output w.r.t. the trainable weights and the
    (floating) inputs, on one backend, from weights given as NumPy arrays."""
    with kerasish.backend.use_backend(backend_name):
        x = make_inputs(case)
        layer = make_layer(kerasish, case)
        call(layer, x, case)
        layer.set_weights(case_weights(case))
        trainable = [v.value for v in layer.trainable_variables]
        non_trainable = [v.value for v in layer.non_trainable_variables]
        float_input = not case.input_dtype.startswith("int")

        def loss(values, x):
            out, _ = layer.stateless_call(values, non_trainable, x, **case.call_kwargs)
            total = 0.0
            for i, o in enumerate(kerasish.tree.flatten(out)):
                weights = np.cos(np.arange(int(np.prod(o.shape))) + i).reshape(o.shape).astype("float32")
                total = total + ops.sum(o * weights)
            return total

        if float_input:
            grads = ops.grad(lambda v, x: loss(v, x), argnums=(0, 1))(trainable, x) \
                if _grad_has_argnums() else ops.grad(lambda args: loss(*args))((trainable, x))
        else:
            grads = (ops.grad(lambda v: loss(v, x))(trainable), None)
        return to_numpy(grads)


def _grad_has_argnums():
    return False


_WEIGHTS = {}


def case_weights(case):
    """Fixed weights for a case (made once, on the NumPy backend), so both backends agree."""
    if case.id not in _WEIGHTS:
        with kerasish.backend.use_backend("numpy"):
            layer = make_layer(kerasish, case)
            call(layer, make_inputs(case), case)
            rng = np.random.RandomState(1)
            # Random weights, positive where a negative value means nothing (variances).
            _WEIGHTS[case.id] = [
                _random_like(rng, value, variable.path) for value, variable in zip(layer.get_weights(), layer.weights)]
    return _WEIGHTS[case.id]


def _random_like(rng, value, path):
    if "float" not in str(value.dtype):
        return value
    random = np.asarray(rng.randn(*value.shape) * 0.5).astype(value.dtype)
    return np.abs(random) + 0.1 if ("variance" in path or "stddev" in path) else random
