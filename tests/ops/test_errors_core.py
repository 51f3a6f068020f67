"""Bad input to the core ops gives the same clear error on every backend."""
import numpy as np
import pytest

from kerasish import ops


def test_cast_to_an_unknown_dtype(backend):
    with pytest.raises(TypeError, match=r"cast: `dtype`='float33' is not a supported dtype\. Expected one of bool, uint8"):
        ops.cast(np.ones(2), "float33")


def test_convert_to_tensor_unknown_dtype(backend):
    with pytest.raises(TypeError, match=r"convert_to_tensor: `dtype`='str' is not a supported dtype"):
        ops.convert_to_tensor([1, 2], dtype="str")


def test_slice_with_wrong_number_of_start_indices(backend):
    with pytest.raises(ValueError, match=r"slice: `start_indices` \(1 values\) and `shape` \(rank 2\) must match "
                                         r"the rank of `inputs`, whose shape is \(3, 4\)"):
        ops.slice(np.ones((3, 4)), [0], (2, 2))


def test_slice_window_larger_than_input(backend):
    with pytest.raises(ValueError, match=r"slice: `shape` \(2, 5\) does not fit in `inputs` of shape \(3, 4\) \(axis 1\)"):
        ops.slice(np.ones((3, 4)), [0, 0], (2, 5))


def test_slice_update_too_large(backend):
    with pytest.raises(ValueError, match=r"slice_update: `updates` shape \(4, 1\) does not fit"):
        ops.slice_update(np.ones((3, 4)), [0, 0], np.ones((4, 1)))


def test_scatter_values_of_the_wrong_shape(backend):
    with pytest.raises(ValueError, match=r"scatter: `values` must have shape \(2,\) for `indices` of shape \(2, 2\) "
                                         r"into shape \(3, 3\); received shape \(3,\)"):
        ops.scatter(np.array([[0, 0], [1, 1]]), np.ones(3), (3, 3))


def test_scatter_indices_deeper_than_the_target(backend):
    with pytest.raises(ValueError, match=r"scatter_update: `indices` must have shape \(\.\.\., k\) with k <= 2"):
        ops.scatter_update(np.ones((3, 3)), np.zeros((1, 3), "int32"), np.ones(1))


def test_value_and_grad_of_a_non_scalar(backend):
    with pytest.raises(TypeError):
        ops.value_and_grad(lambda x: ops.multiply(x, 2.0))(np.ones(3))


def test_messages_name_the_op_and_both_shapes(backend):
    with pytest.raises(ValueError, match=r"add: cannot broadcast x1 with shape \(2, 3\), x2 with shape \(4,\)"):
        ops.add(np.ones((2, 3)), np.ones(4))


def test_scatter_update_unknown_reduction(backend):
    with pytest.raises(ValueError, match=r"scatter_update: `reduction` must be one of 'add', 'max', 'min', 'mul'; received 'sum'"):
        ops.scatter_update(np.ones(3), np.array([[0]]), np.ones(1), reduction="sum")


def test_numpy_refuses_to_differentiate_scatter_max():
    import kerasish

    with kerasish.backend.use_backend("numpy"):
        f = lambda u: ops.sum(ops.scatter_update(np.zeros(3), np.array([[0]]), u, reduction="max"))
        with pytest.raises(NotImplementedError, match="no gradient for scatter_update with reduction='max'"):
            ops.grad(f)(np.ones(1))


def test_absolute_is_abs(backend):
    np.testing.assert_array_equal(ops.convert_to_numpy(ops.absolute(np.array([-2.0, 3.0]))), [2.0, 3.0])
