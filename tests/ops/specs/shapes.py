"""Op cases for shape manipulation: reshape, transpose, joining, splitting, repetition, padding and
gathering."""
import numpy as np

from tests.ops.op_table import F, I, L, OpCase

INT = ("int32",)
INTS = ("int32", "int64")

CASES = [
    # reshape
    OpCase("reshape", (F((2, 3, 4)), (6, 4))),
    OpCase("reshape", (F((2, 3, 4)), (-1, 3)), id="minus-one"),
    OpCase("reshape", (F((2, 3)), -1), id="int-flatten"),
    OpCase("reshape", (F(()), (1, 1)), id="scalar"),
    OpCase("reshape", (I((2, 6)), (3, 2, 2)), dtypes=INTS, grad=False, id="int"),
    # transpose
    OpCase("transpose", (F((2, 3, 4)),)),
    OpCase("transpose", (F((2, 3, 4)), (1, 2, 0)), id="axes"),
    OpCase("transpose", (F((2, 3, 4)), (-1, 0, -2)), id="negative-axes"),
    OpCase("transpose", (I((2, 3)),), dtypes=INT, grad=False, id="int"),
    # swapaxes
    OpCase("swapaxes", (F((2, 3, 4)), 0, 2)),
    OpCase("swapaxes", (F((2, 3, 4)), -1, 1), id="negative"),
    OpCase("swapaxes", (I((2, 3)), 0, 1), dtypes=INT, grad=False, id="int"),
    # moveaxis
    OpCase("moveaxis", (F((2, 3, 4)), 0, -1)),
    OpCase("moveaxis", (F((2, 3, 4, 5)), (0, 1), (3, 0)), id="sequences"),
    OpCase("moveaxis", (F((2, 3, 4)), [-1], [0]), id="lists"),
    OpCase("moveaxis", (I((2, 3)), 0, 1), dtypes=INT, grad=False, id="int"),
    # expand_dims
    OpCase("expand_dims", (F((2, 3)), 0)),
    OpCase("expand_dims", (F((2, 3)), -1), id="last"),
    OpCase("expand_dims", (F((2, 3)), (0, 3)), id="tuple"),
    OpCase("expand_dims", (F((2, 3)), (-1, 1)), id="tuple-negative"),
    OpCase("expand_dims", (F(()), 0), id="scalar"),
    OpCase("expand_dims", (I((3,)), 1), dtypes=INT, grad=False, id="int"),
    # squeeze
    OpCase("squeeze", (F((1, 3, 1, 2)),)),
    OpCase("squeeze", (F((1, 3, 1, 2)), 2), id="axis"),
    OpCase("squeeze", (F((1, 3, 1, 2)), -4), id="negative-axis"),
    OpCase("squeeze", (F((1, 3, 1, 2)), (0, 2)), id="tuple"),
    OpCase("squeeze", (I((1, 3)),), dtypes=INT, grad=False, id="int"),
    # concatenate
    OpCase("concatenate", (L(F((2, 3)), F((1, 3))),)),
    OpCase("concatenate", (L(F((2, 3)), F((2, 1)), F((2, 2))),), {"axis": -1}, id="axis-last"),
    OpCase("concatenate", (L(F((2, 1, 3)), F((2, 2, 3))), 1), id="middle"),
    OpCase("concatenate", (L(I((2,)), I((3,))),), dtypes=INT, grad=False, id="int"),
    OpCase("concatenate", (L(I((2,)), I((3,), dtype="int64")),), dtypes=INT, grad=False,
           id="int-promote"),
    OpCase("concatenate", (L(F((2,)), I((3,))),), grad=False, id="mixed-promote"),
    # stack
    OpCase("stack", (L(F((2, 3)), F((2, 3))),)),
    OpCase("stack", (L(F((2, 3)), F((2, 3)), F((2, 3))), 1), id="axis1"),
    OpCase("stack", (L(F((2, 3)), F((2, 3))),), {"axis": -1}, id="axis-last"),
    OpCase("stack", (L(F(()), F(())),), id="scalars"),
    OpCase("stack", (L(I((2,)), I((2,))),), dtypes=INT, grad=False, id="int"),
    # split (a list of outputs)
    OpCase("split", (F((6, 2)), 3)),
    OpCase("split", (F((2, 6)), 2), {"axis": -1}, id="axis-last"),
    OpCase("split", (F((2, 7)), [1, 4]), {"axis": 1}, id="indices"),
    OpCase("split", (F((5,)), [2, 2]), id="empty-piece"),
    OpCase("split", (I((4, 3)), 2), dtypes=INT, grad=False, id="int"),
    # tile
    OpCase("tile", (F((2, 3)), (2, 2))),
    OpCase("tile", (F((2, 3)), 3), id="int"),
    OpCase("tile", (F((2, 3)), (2, 1, 2)), id="more-reps"),
    OpCase("tile", (F((2, 2, 3)), (2, 1)), id="fewer-reps"),
    OpCase("tile", (I((2,)), (3,)), dtypes=INT, grad=False, id="int-dtype"),
    # repeat
    OpCase("repeat", (F((2, 3)), 2)),
    OpCase("repeat", (F((2, 3)), 2), {"axis": 0}, id="axis0"),
    OpCase("repeat", (F((2, 3)), np.array([1, 0, 3])), {"axis": -1}, id="array-repeats"),
    OpCase("repeat", (F((2, 2)), np.array([2, 1, 0, 1])), id="array-flat"),
    OpCase("repeat", (I((2, 3)), 2), {"axis": 1}, dtypes=INT, grad=False, id="int"),
    # broadcast_to
    OpCase("broadcast_to", (F((3,)), (2, 3))),
    OpCase("broadcast_to", (F((2, 1)), (4, 2, 3)), id="two-axes"),
    OpCase("broadcast_to", (F(()), (2, 2)), id="scalar"),
    OpCase("broadcast_to", (I((1, 3)), (2, 3)), dtypes=INT, grad=False, id="int"),
    # pad
    OpCase("pad", (F((2, 3)), 1)),
    OpCase("pad", (F((2, 3)), ((1, 0), (2, 1))), id="pairs"),
    OpCase("pad", (F((2, 3)), (1, 2)), id="before-after"),
    OpCase("pad", (F((2, 3)), ((1, 2),)), id="one-pair"),
    OpCase("pad", (F((2, 3)), 1), {"constant_values": 2.5}, id="constant-values"),
    OpCase("pad", (F((3, 4)), ((2, 1), (1, 3))), {"mode": "reflect"}, id="reflect"),
    OpCase("pad", (F((3, 4)), ((2, 3), (1, 2))), {"mode": "symmetric"}, id="symmetric"),
    OpCase("pad", (F((2, 3)), ((1, 2), (2, 0))), {"mode": "edge"}, id="edge"),
    OpCase("pad", (F((2, 3)), 2), {"mode": "wrap"}, id="wrap"),
    OpCase("pad", (F((3,)), 5), {"mode": "reflect"}, id="reflect-wide"),
    OpCase("pad", (I((2, 2)), 1), {"constant_values": 7}, dtypes=INT, grad=False, id="int"),
    OpCase("pad", (I((3, 3)), 1), {"mode": "reflect"}, dtypes=INT, grad=False, id="int-reflect"),
    # flip
    OpCase("flip", (F((2, 3, 2)),)),
    OpCase("flip", (F((2, 3, 2)), 1), id="axis"),
    OpCase("flip", (F((2, 3, 2)), (0, -1)), id="tuple"),
    OpCase("flip", (I((4,)),), dtypes=INT, grad=False, id="int"),
    # roll
    OpCase("roll", (F((2, 3)), 2)),
    OpCase("roll", (F((2, 3)), -1), {"axis": 1}, id="axis"),
    OpCase("roll", (F((2, 3, 4)), (1, -2)), {"axis": (0, 2)}, id="tuple"),
    OpCase("roll", (F((2, 3, 4)), 1), {"axis": (0, -1)}, id="int-shift-tuple-axis"),
    OpCase("roll", (F((4,)), 7), id="wraps"),
    OpCase("roll", (I((2, 3)), 1), {"axis": 0}, dtypes=INT, grad=False, id="int"),
    # take (repeated and negative indices accumulate in the gradient)
    OpCase("take", (F((2, 3)), np.array([0, 5, 5, -1]))),
    OpCase("take", (F((3, 4)), np.array([[0, 2], [2, 2]])), {"axis": 0}, id="axis0-2d-indices"),
    OpCase("take", (F((2, 4, 2)), np.array([3, -1, 0])), {"axis": -2}, id="negative"),
    OpCase("take", (F((3,)), I((2, 2), 0, 3)), id="random-indices"),
    OpCase("take", (F((3, 2)), np.array(1)), {"axis": 0}, id="scalar-index"),
    OpCase("take", (I((5,)), np.array([4, 0])), dtypes=INT, grad=False, id="int"),
    # take_along_axis
    OpCase("take_along_axis", (F((3, 4)), I((3, 2), 0, 4)), {"axis": 1}),
    OpCase("take_along_axis", (F((3, 4)), np.array([[0, 2, 2, 1]])), {"axis": 0}, id="broadcast"),
    OpCase("take_along_axis", (F((2, 3, 2)), I((2, 5, 1), -3, 3)), {"axis": -2}, id="negative"),
    OpCase("take_along_axis", (F((2, 3)), np.array([5, 0, 0, 2])), id="flat"),
    OpCase("take_along_axis", (I((2, 3)), I((2, 2), 0, 3)), {"axis": 1}, dtypes=INT, grad=False,
           id="int"),
]
