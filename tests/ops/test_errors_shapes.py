"""Bad arguments to the shape and creation ops give a clear error on every backend."""
import numpy as np
import pytest

from kerasish import ops

X = np.zeros((2, 3), dtype="float32")


def test_reshape_incompatible_size_names_both_shapes(backend):
    with pytest.raises(ValueError, match=r"reshape: .*shape \(2, 3\) \(6 elements\).*\(4, 2\)"):
        ops.reshape(X, (4, 2))
    with pytest.raises(ValueError, match=r"reshape: .*\(2, 3\).*\(4, -1\)"):
        ops.reshape(X, (4, -1))
    with pytest.raises(ValueError, match="at most one -1"):
        ops.reshape(X, (-1, -1))


def test_concatenate_mismatched_shapes(backend):
    with pytest.raises(ValueError, match=r"concatenate: .*except along axis 0.*\(2, 3\), \(2, 4\)"):
        ops.concatenate([X, np.zeros((2, 4))], axis=0)
    with pytest.raises(ValueError, match=r"concatenate: .*\(2, 3\), \(3,\)"):
        ops.concatenate([X, np.zeros((3,))])
    with pytest.raises(ValueError, match="concatenate: `xs` must be a non-empty list"):
        ops.concatenate([])
    with pytest.raises(ValueError, match="concatenate: cannot concatenate scalars"):
        ops.concatenate([np.float32(1), np.float32(2)])


def test_stack_different_shapes(backend):
    with pytest.raises(ValueError, match=r"stack: .*the same shape.*\(2, 3\), \(3, 2\)"):
        ops.stack([X, np.zeros((3, 2))])


def test_split_unequal_sections(backend):
    with pytest.raises(ValueError, match=r"split: cannot split axis 1 .*\(2, 3\).*into 2 equal"):
        ops.split(X, 2, axis=1)
    with pytest.raises(ValueError, match="split: `indices_or_sections` must be positive"):
        ops.split(X, 0)


@pytest.mark.parametrize("call", [
    lambda: ops.swapaxes(X, 0, 2),
    lambda: ops.moveaxis(X, 0, -3),
    lambda: ops.expand_dims(X, 3),
    lambda: ops.squeeze(np.zeros((1, 2)), 2),
    lambda: ops.concatenate([X, X], axis=2),
    lambda: ops.stack([X, X], axis=-4),
    lambda: ops.split(X, 1, axis=2),
    lambda: ops.repeat(X, 2, axis=-3),
    lambda: ops.flip(X, 2),
    lambda: ops.roll(X, 1, axis=5),
    lambda: ops.take(X, np.array([0]), axis=2),
    lambda: ops.take_along_axis(X, np.zeros((2, 1), "int32"), axis=2),
    lambda: ops.transpose(X, (0, 2)),
    lambda: ops.linspace(0, 1, 3, axis=1),
    lambda: ops.one_hot(np.array([0, 1]), 3, axis=2),
], ids=["swapaxes", "moveaxis", "expand_dims", "squeeze", "concatenate", "stack", "split", "repeat",
        "flip", "roll", "take", "take_along_axis", "transpose", "linspace", "one_hot"])
def test_axis_out_of_range(backend, call):
    with pytest.raises(ValueError, match=r"out of range .*expected an axis in \[-\d, \d\]"):
        call()


def test_bad_permutations_and_axes(backend):
    with pytest.raises(ValueError, match=r"transpose: `axes` must be a permutation"):
        ops.transpose(X, (0,))
    with pytest.raises(ValueError, match="transpose: `axes` has repeated axes"):
        ops.transpose(X, (1, 1))
    with pytest.raises(ValueError, match="moveaxis: `source` and `destination` must have the same number"):
        ops.moveaxis(np.zeros((2, 3, 4)), (0, 1), (2,))
    with pytest.raises(ValueError, match=r"squeeze: cannot squeeze axis 1 .*length is 3"):
        ops.squeeze(X, 1)
    with pytest.raises(TypeError, match="swapaxes: `axis1` must be an int"):
        ops.swapaxes(X, "0", 1)


def test_bad_pad_mode_and_arguments(backend):
    with pytest.raises(ValueError, match=r"pad: `mode` must be one of 'constant', 'edge', .*received 'mirror'"):
        ops.pad(X, 1, mode="mirror")
    with pytest.raises(ValueError, match="pad: `constant_values` can only be given with mode='constant'"):
        ops.pad(X, 1, mode="reflect", constant_values=1.0)
    with pytest.raises(ValueError, match=r"pad: `pad_width` must be .*2 axes"):
        ops.pad(X, ((1, 1), (1, 1), (1, 1)))
    with pytest.raises(ValueError, match="pad: `pad_width`"):
        ops.pad(X, -1)


def test_broadcast_to_incompatible(backend):
    with pytest.raises(ValueError, match=r"broadcast_to: cannot broadcast `x` of shape \(2, 3\) to shape \(2, 4\)"):
        ops.broadcast_to(X, (2, 4))
    with pytest.raises(ValueError, match=r"broadcast_to: cannot broadcast `x` of shape \(2, 3\) to shape \(3,\)"):
        ops.broadcast_to(X, (3,))


def test_gather_and_repeat_arguments(backend):
    with pytest.raises(TypeError, match="take: `indices` must be an integer tensor; received dtype float"):
        ops.take(X, np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match=r"take_along_axis: `indices` must have the rank of `x`"):
        ops.take_along_axis(X, np.zeros((2,), "int32"), axis=1)
    with pytest.raises(ValueError, match=r"repeat: `repeats` must be an int or a 1-D tensor of length 3"):
        ops.repeat(X, np.array([1, 2]), axis=1)
    with pytest.raises(ValueError, match="tile: `repeats` must be non-negative"):
        ops.tile(X, (-1, 1))
    with pytest.raises(ValueError, match="roll: `shift` and `axis` must have the same length"):
        ops.roll(X, (1, 2), axis=(0,))


def test_creation_arguments(backend):
    with pytest.raises(ValueError, match="zeros: `shape` must be a non-negative int"):
        ops.zeros((2, -1))
    with pytest.raises(TypeError, match="ones: `dtype`='floaty' is not a supported dtype"):
        ops.ones((2,), dtype="floaty")
    with pytest.raises(ValueError, match=r"full: `fill_value` of shape \(3,\) does not broadcast"):
        ops.full((2, 2), np.zeros(3))
    with pytest.raises(ValueError, match="arange: `step` must not be 0"):
        ops.arange(0, 5, 0)
    with pytest.raises(ValueError, match="linspace: `num` must be a non-negative int"):
        ops.linspace(0, 1, -2)
    with pytest.raises(ValueError, match="eye: `N` must be a non-negative int"):
        ops.eye(-1)
    with pytest.raises(ValueError, match=r"tril: `x` must have at least 2 dimensions; received shape \(3,\)"):
        ops.tril(np.zeros(3))
    with pytest.raises(TypeError, match="one_hot: `x` must be an integer tensor"):
        ops.one_hot(np.array([0.0, 1.0]), 3)
    with pytest.raises(ValueError, match="one_hot: `num_classes` must be a positive int"):
        ops.one_hot(np.array([0, 1]), 0)
    with pytest.raises(ValueError, match="one_hot: sparse=True is not supported"):
        ops.one_hot(np.array([0, 1]), 2, sparse=True)
