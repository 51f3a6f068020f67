"""Error paths of matmul, dot, tensordot, einsum and norm, on each backend: the messages name both
shapes and the dimensions that were to be contracted."""
import math
import re

import numpy as np
import pytest

from kerasish import ops


def z(*shape):
    return np.zeros(shape, "float32")


def test_matmul_contracted_dimension_mismatch(backend):
    message = ("matmul: cannot contract `x1` of shape (2, 3) with `x2` of shape (4, 5): the last dimension of "
               "x1 (axis 1, size 3) and the second-to-last dimension of x2 (axis 0, size 4) must have the same size.")
    with pytest.raises(ValueError, match=re.escape(message)):
        ops.matmul(z(2, 3), z(4, 5))
    with pytest.raises(ValueError, match=r"matmul: cannot contract `x1` of shape \(2, 3\) with `x2` of shape \(4,\).*the only dimension of x2 \(axis 0, size 4\)"):
        ops.matmul(z(2, 3), z(4))


def test_matmul_batch_and_rank(backend):
    with pytest.raises(ValueError, match=r"matmul: the batch dimensions of `x1` \(shape \(2, 3, 4\)\) and `x2` \(shape \(5, 4, 2\)\), \(2,\) and \(5,\), do not broadcast"):
        ops.matmul(z(2, 3, 4), z(5, 4, 2))
    with pytest.raises(ValueError, match=r"matmul: `x1` and `x2` must have at least 1 dimension.*\(\) and \(3,\)"):
        ops.matmul(np.float32(2.0), z(3))


def test_dot_mismatch(backend):
    with pytest.raises(ValueError, match=r"dot: cannot contract `x1` of shape \(2, 3, 4\) with `x2` of shape \(5, 2\): the last dimension of x1 \(axis 2, size 4\) and the second-to-last dimension of x2 \(axis 0, size 5\)"):
        ops.dot(z(2, 3, 4), z(5, 2))
    with pytest.raises(ValueError, match=r"dot: cannot contract `x1` of shape \(3,\) with `x2` of shape \(4,\)"):
        ops.dot(z(3), z(4))


def test_tensordot_errors(backend):
    with pytest.raises(ValueError, match=r"tensordot: cannot contract `x1` of shape \(2, 3\) with `x2` of shape \(4, 2\) over axes \(1,\) and \(0,\): axis 1 of x1 has size 3 but axis 0 of x2 has size 4"):
        ops.tensordot(z(2, 3), z(4, 2), axes=1)
    with pytest.raises(ValueError, match=r"tensordot: `axes`=3 must be in \[0, 2\] for `x1` of shape \(2, 3\) and `x2` of shape \(3, 2, 2\)"):
        ops.tensordot(z(2, 3), z(3, 2, 2), axes=3)
    with pytest.raises(ValueError, match=r"tensordot: `axes` must name as many axes of x1 as of x2"):
        ops.tensordot(z(2, 3), z(3, 2), axes=([0, 1], [1]))
    with pytest.raises(ValueError, match=r"tensordot: `axes`=2 is out of range for `x2` with 2 dimensions"):
        ops.tensordot(z(2, 3), z(3, 2), axes=([1], [2]))
    with pytest.raises(ValueError, match=r"tensordot: `axes` must be an int or a pair"):
        ops.tensordot(z(2, 3), z(3, 2), axes=(1, 0, 1))


@pytest.mark.parametrize("subscripts,shapes,message", [
    ("ij,jk->ik", [(2, 3)], r"describes 2 operands but 1 were given"),
    ("ij,jk->ik", [(2, 3), (4, 5)], r"index 'j' has size 3 in one operand and 4 in operand 1"),
    ("ijk->i", [(2, 3)], r"operand 0 has shape \(2, 3\) \(2 dimensions\) but its subscripts 'ijk' name 3"),
    ("ij->k", [(2, 3)], r"output index 'k' appears in no operand"),
    ("ij->ii", [(2, 3)], r"output index 'i' is repeated"),
    ("i1->i", [(2, 3)], r"invalid character '1' in 'i1'"),
    ("i.j->i", [(2, 3)], r"invalid character '\.' in 'i\.j'"),
    ("ij->i->j", [(2, 3)], r"has more than one '->'"),
    ("...ijk->i", [(2, 3)], r"operand 0 has shape \(2, 3\)"),
    ("...i,...i->...", [(2, 3), (4, 3)], r"the dimensions under '...' do not broadcast: operand 1 has \(4,\)"),
])
def test_einsum_bad_subscripts(backend, subscripts, shapes, message):
    with pytest.raises(ValueError, match=r"einsum: `subscripts`=.*" + message):
        ops.einsum(subscripts, *[z(*s) for s in shapes])


def test_einsum_subscripts_type(backend):
    with pytest.raises(TypeError, match=r"einsum: `subscripts` must be a string"):
        ops.einsum(z(2), z(2))


def test_norm_errors(backend):
    with pytest.raises(ValueError, match=r"norm: invalid `ord`='fro' for a vector norm \(1 axis\)"):
        ops.norm(z(2, 3), ord="fro", axis=1)
    with pytest.raises(ValueError, match=r"norm: invalid `ord`=3 for a matrix norm \(2 axes\)"):
        ops.norm(z(2, 3), ord=3)
    with pytest.raises(ValueError, match=r"norm: invalid `ord`=0 for a matrix norm"):
        ops.norm(z(2, 3, 4), ord=0, axis=(0, 2))
    with pytest.raises(ValueError, match=r"norm: with `ord`=1 and axis=None, `x` must be 1-D or 2-D; received shape \(2, 3, 4\)"):
        ops.norm(z(2, 3, 4), ord=1)
    with pytest.raises(ValueError, match=r"norm: `axis` must be an int \(vector norm\) or a pair of ints"):
        ops.norm(z(2, 3, 4), axis=(0, 1, 2))
    with pytest.raises(ValueError, match=r"norm: `axis`=2 is out of range for `x` with 2 dimensions"):
        ops.norm(z(2, 3), axis=2)
    with pytest.raises(ValueError, match=r"norm: `axis` has repeated axes"):
        ops.norm(z(2, 3), axis=(1, -1))


def test_norm_values(backend):
    x = np.array([[3.0, -4.0], [1.0, 0.0]], "float32")
    assert np.isclose(ops.convert_to_numpy(ops.norm(x[0])), 5.0)
    assert np.isclose(ops.convert_to_numpy(ops.norm(x[0], ord=math.inf)), 4.0)
    assert np.isclose(ops.convert_to_numpy(ops.norm(x[1], ord=0)), 1.0)
    assert np.isclose(ops.convert_to_numpy(ops.norm(x, ord=1)), 4.0)  # max column sum
    assert np.isclose(ops.convert_to_numpy(ops.norm(x, ord=math.inf)), 7.0)  # max row sum
    np.testing.assert_allclose(ops.convert_to_numpy(ops.norm(x, ord="nuc")), np.linalg.norm(x, "nuc"), rtol=1e-5)
