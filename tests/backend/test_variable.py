"""kerasish.Variable and StatelessScope on every backend."""
import numpy as np
import pytest

import kerasish
from kerasish import ops


def test_variable_from_initializer_and_value(backend):
    v = kerasish.Variable("ones", shape=(2, 3), name="w")
    assert v.shape == (2, 3) and v.dtype == "float32" and v.name == "w" and v.trainable
    np.testing.assert_array_equal(v.numpy(), np.ones((2, 3)))
    u = kerasish.Variable(np.arange(3), dtype="float32", trainable=False)
    assert u.dtype == "float32" and not u.trainable
    np.testing.assert_array_equal(np.asarray(u), [0, 1, 2])


def test_assign_and_arithmetic(backend):
    v = kerasish.Variable(np.zeros(3, "float32"))
    v.assign([1.0, 2.0, 3.0])
    v.assign_add(np.ones(3, "float32"))
    v.assign_sub(np.full(3, 0.5, "float32"))
    np.testing.assert_allclose(v.numpy(), [1.5, 2.5, 3.5])
    np.testing.assert_allclose(ops.convert_to_numpy(v * 2 + 1), [4, 6, 8])
    np.testing.assert_allclose(ops.convert_to_numpy(ops.sum(v)), 7.5)
    np.testing.assert_allclose(ops.convert_to_numpy(ops.concatenate([v, v])), [1.5, 2.5, 3.5] * 2)
    np.testing.assert_allclose(ops.convert_to_numpy(v[1:]), [2.5, 3.5])


def test_assign_with_wrong_shape_names_the_variable(backend):
    v = kerasish.Variable(np.zeros((2, 2), "float32"), name="kernel")
    with pytest.raises(ValueError, match=r"'kernel' has shape \(2, 2\); cannot assign a value of shape \(3,\)"):
        v.assign(np.zeros(3))


def test_initializer_needs_shape(backend):
    with pytest.raises(ValueError, match="`shape` is required"):
        kerasish.Variable("zeros")


def test_stateless_scope_reads_mapped_values_and_records_assignments(backend):
    v = kerasish.Variable(np.ones(2, "float32"))
    with kerasish.StatelessScope([(v, np.full(2, 5.0, "float32"))]) as scope:
        np.testing.assert_allclose(ops.convert_to_numpy(v + 0), [5, 5])
        v.assign(v * 2)
        np.testing.assert_allclose(ops.convert_to_numpy(v + 0), [10, 10])
    np.testing.assert_allclose(v.numpy(), [1, 1])  # untouched
    np.testing.assert_allclose(ops.convert_to_numpy(scope.get_current_value(v)), [10, 10])


def test_value_and_grad_through_stateless_scope(backend):
    v = kerasish.Variable(np.array([1.0, 2.0], "float32"))

    def loss(value):
        with kerasish.StatelessScope([(v, value)]):
            return ops.sum(v * v)

    value, grad = ops.value_and_grad(loss)(ops.convert_to_tensor(np.array([3.0, 4.0], "float32")))
    assert float(value) == 25.0
    np.testing.assert_allclose(ops.convert_to_numpy(grad), [6.0, 8.0])


def test_stateless_scope_rejects_non_variables(backend):
    with pytest.raises(ValueError, match="must be a kerasish Variable"):
        kerasish.StatelessScope([(np.zeros(2), np.zeros(2))])


def test_nested_scopes_fall_back_to_outer_values(backend):
    a = kerasish.Variable(np.ones(2, "float32"))
    b = kerasish.Variable(np.ones(2, "float32"))
    with kerasish.StatelessScope([(a, np.full(2, 2.0, "float32")), (b, np.full(2, 3.0, "float32"))]) as outer:
        with kerasish.StatelessScope([(a, np.full(2, 5.0, "float32"))]) as inner:
            np.testing.assert_allclose(ops.convert_to_numpy(a + b), [8, 8])  # a inner, b outer
            b.assign(b * 10)
        assert inner.get_current_value(b) is not None and outer.get_current_value(b) is not None
        np.testing.assert_allclose(ops.convert_to_numpy(outer.get_current_value(b)), [3, 3])
    np.testing.assert_allclose(b.numpy(), [1, 1])
