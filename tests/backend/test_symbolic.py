"""Symbolic tensors: kerasish.Input and shape/dtype inference by abstract evaluation."""
import numpy as np
import pytest

import kerasish
from kerasish import ops


def test_input_gives_a_symbolic_tensor(backend):
    x = kerasish.Input(shape=(3, 4), batch_size=8, dtype="int32", name="tokens")
    assert isinstance(x, kerasish.KerasTensor)
    assert x.shape == (8, 3, 4) and x.dtype == "int32" and x.name == "tokens"
    y = kerasish.Input((5,))
    assert y.shape == (None, 5) and y.dtype == "float32"


@pytest.mark.parametrize("fn, shapes, expected", [
    (lambda a, b: ops.matmul(a, b), [(None, 3), (3, 5)], (None, 5)),
    (lambda a, b: ops.concatenate([a, b], axis=0), [(None, 3), (None, 3)], (None, 3)),
    (lambda a, b: ops.concatenate([a, b], axis=1), [(None, 3), (None, 2)], (None, 5)),
    (lambda a: ops.reshape(a, (-1, 6)), [(None, 2, 3)], (None, 6)),
    (lambda a: ops.sum(a, axis=1), [(None, 2, 3)], (None, 3)),
    (lambda a: a[:, 0], [(None, 2, 3)], (None, 3)),
    (lambda a: ops.transpose(a), [(None, 2, 3)], (3, 2, None)),
    (lambda a: a * 2 + 1, [(4, None)], (4, None)),
    (lambda a: ops.conv(a, np.zeros((3, 2, 4), "float32")), [(None, None, 2)], (None, None, 4)),
])
def test_ops_on_symbolic_tensors_infer_shapes(backend, fn, shapes, expected):
    inputs = [kerasish.KerasTensor(s) for s in shapes]
    out = fn(*inputs)
    assert isinstance(out, kerasish.KerasTensor)
    assert out.shape == expected and out.dtype == "float32"


def test_dtype_inference(backend):
    a = kerasish.KerasTensor((None, 3), "int32")
    assert (a * 2).dtype == "int32"
    assert (a * 2.0).dtype == "float32"
    assert ops.cast(a, "float16").dtype == "float16"
    assert (a > 1).dtype == "bool"


def test_bad_shapes_fail_while_building(backend):
    a, b = kerasish.KerasTensor((None, 3)), kerasish.KerasTensor((4, 5))
    with pytest.raises(ValueError, match="matmul"):
        ops.matmul(a, b)


def test_symbolic_tensors_have_no_values(backend):
    a = kerasish.KerasTensor((None, 3))
    with pytest.raises(TypeError, match="cannot be used as a Python bool"):
        bool(a > 0)
    with pytest.raises(ValueError, match="symbolic"):
        np.asarray(a)


def test_ops_on_inputs_become_part_of_a_functional_model(backend):
    inputs = kerasish.Input((3,))
    outputs = ops.sum(inputs * 2.0 + 1.0, axis=-1, keepdims=True)
    model = kerasish.Model(inputs, outputs)
    x = np.arange(6, dtype="float32").reshape(2, 3)
    np.testing.assert_allclose(ops.convert_to_numpy(model(x)), (x * 2 + 1).sum(-1, keepdims=True))


def test_backends_infer_the_same_specs():
    import itertools

    def spec(backend_name, fn, shape):
        with kerasish.backend.use_backend(backend_name):
            out = fn(kerasish.KerasTensor(shape))
            return out.shape, out.dtype

    fns = [lambda a: ops.softmax(a), lambda a: ops.max_pool(a, 2, padding="same"),
           lambda a: ops.argmax(a, axis=-1), lambda a: ops.one_hot(ops.cast(a[..., 0], "int32"), 4)]
    for fn, backends in itertools.product(fns, [("numpy", "jax")]):
        assert spec(backends[0], fn, (None, 5, 3)) == spec(backends[1], fn, (None, 5, 3))
