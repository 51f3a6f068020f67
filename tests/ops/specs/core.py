"""Op cases for the core indexing ops: cast, getitem, slice, slice_update, scatter,
scatter_update (conversion and control flow are tested in tests/ops/test_core.py)."""
import numpy as np

from tests.ops.op_table import B, F, I, OpCase, P

INT = ("int32",)
F64 = ("float64",)

CASES = [
    # cast. Gradients only where the result stays float64: through float32 the finite
    # differences would measure rounding.
    OpCase("cast", (F((2, 3)), "float64"), dtypes=("float32", "float64"), id="to-float64"),
    OpCase("cast", (F((2, 3)), "float32"), grad=False, id="to-float32"),
    OpCase("cast", (F((2, 3)), "float16"), grad=False, rtol=1e-3, id="to-float16"),
    OpCase("cast", (F((2, 3)), "bfloat16"), grad=False, id="to-bfloat16"),
    OpCase("cast", (F((2, 3), -3, 3), "int32"), grad=False, id="float-to-int-truncates"),
    OpCase("cast", (F((2, 3), 0, 200), "uint8"), grad=False, id="float-to-uint8"),
    OpCase("cast", (F((2, 3)), "bool"), grad=False, id="float-to-bool"),
    OpCase("cast", (I((2, 3), -5, 5), "float32"), dtypes=INT, grad=False, id="int-to-float"),
    OpCase("cast", (I((2, 3), -5, 5), "int8"), dtypes=INT, grad=False, id="int-to-int8"),
    OpCase("cast", (B((4,)), "float32"), grad=False, id="bool-to-float"),
    # getitem: basic indexing
    OpCase("getitem", (F((3, 4)), 1), id="int"),
    OpCase("getitem", (F((3, 4)), -1), id="negative-int"),
    OpCase("getitem", (F((3, 4)), slice(1, None)), id="slice"),
    OpCase("getitem", (F((3, 4)), (slice(None), slice(0, 4, 2))), id="step"),
    OpCase("getitem", (F((3, 4)), (slice(None, None, -1), slice(3, 0, -2))), id="negative-step"),
    OpCase("getitem", (F((3, 4)), (1, 2)), id="element"),
    OpCase("getitem", (F((3, 4)), (None, slice(None), None)), id="newaxis"),
    OpCase("getitem", (F((2, 3, 4)), (Ellipsis, 1)), id="ellipsis"),
    OpCase("getitem", (F((2, 3, 4)), (0, Ellipsis, None, slice(1, 3))), id="ellipsis-mixed"),
    # getitem: advanced indexing (repeated indices accumulate in the gradient)
    OpCase("getitem", (F((4, 3)), np.array([0, 2, 2, -1])), id="int-array"),
    OpCase("getitem", (F((4, 3)), (slice(None), np.array([[0, 1], [2, 2]]))), id="int-array-axis1"),
    OpCase("getitem", (F((4, 3)), (np.array([0, 3, 0]), np.array([1, 2, 1]))), id="int-arrays-pointwise"),
    OpCase("getitem", (F((2, 3, 4)), (np.array([1, 0]), slice(None), np.array([3, 3]))),
           id="int-arrays-split-by-slice"),
    OpCase("getitem", (F((4, 3)), I((2, 2), 0, 4)), id="random-int-array"),
    OpCase("getitem", (F((3, 2)), np.array([True, False, True])), id="bool-array"),
    OpCase("getitem", (F((2, 3)), np.array([[True, False, True], [False, True, True]])),
           id="bool-array-full"),
    OpCase("getitem", (F((3, 4)), (slice(None), np.array([False, True, True, False]))),
           id="bool-array-axis1"),
    OpCase("getitem", (I((3, 4)), (np.array([2, 0]), slice(1, None))), dtypes=INT, grad=False,
           id="int-dtype"),
    OpCase("getitem", (F((4, 3)), [0, 2]), id="list-key"),
    # slice: start indices are clamped so the window fits (as lax.dynamic_slice)
    OpCase("slice", (F((4, 5)), (1, 2), (2, 3))),
    OpCase("slice", (F((4, 5)), np.array([1, 0]), (3, 5)), id="array-starts"),
    OpCase("slice", (F((4, 5)), (3, 4), (2, 2)), id="clamped"),
    OpCase("slice", (F((2, 3, 4)), (0, 1, 1), (2, 1, 3)), id="3d"),
    OpCase("slice", (I((4, 4)), (1, 1), (2, 2)), dtypes=INT, grad=False, id="int"),
    # slice_update
    OpCase("slice_update", (F((4, 5)), (1, 2), F((2, 3)))),
    OpCase("slice_update", (F((4, 5)), np.array([0, 0]), F((4, 1))), id="array-starts"),
    OpCase("slice_update", (F((3, 3)), (2, 2), F((2, 2))), id="clamped"),
    OpCase("slice_update", (F((4,)), (1,), I((2,))), grad_argnums=(0,), id="int-updates-cast"),
    OpCase("slice_update", (I((3, 3)), (1, 0), I((1, 3), 5, 9)), dtypes=INT, grad=False, id="int"),
    # scatter: repeated indices add up
    OpCase("scatter", (np.array([[0, 1], [2, 0], [0, 1]]), F((3,)), (3, 2))),
    OpCase("scatter", (np.array([[1], [3], [1]]), F((3, 2)), (4, 2)), id="rows"),
    OpCase("scatter", (np.array([[[0, 0], [1, 1]], [[1, 1], [0, 2]]]), F((2, 2)), (2, 3)),
           id="batched-indices"),
    OpCase("scatter", (np.array([[0], [0]]), I((2,), 1, 5), (3,)), dtypes=INT, grad=False, id="int"),
    # scatter_update (distinct indices: with repeats the winner is unspecified)
    OpCase("scatter_update", (F((3, 2)), np.array([[0, 1], [2, 0]]), F((2,)))),
    OpCase("scatter_update", (F((4, 2)), np.array([[3], [0]]), F((2, 2))), id="rows"),
    OpCase("scatter_update", (F((4, 2)), np.array([[3], [0], [3]]), F((3, 2))), {"reduction": "add"},
           id="add-repeated"),
    OpCase("scatter_update", (P((4, 2)), np.array([[3], [0], [3]]), P((3, 2))), {"reduction": "max"},
           grad=False, id="max"),
    OpCase("scatter_update", (P((4, 2)), np.array([[3], [0], [3]]), P((3, 2))), {"reduction": "min"},
           grad=False, id="min"),
    OpCase("scatter_update", (F((4, 2)), np.array([[3], [0], [3]]), F((3, 2))), {"reduction": "mul"},
           grad=False, id="mul"),
    OpCase("scatter_update", (I((3,)), np.array([[1]]), I((1,), 7, 9)), dtypes=INT, grad=False,
           id="int"),
]
