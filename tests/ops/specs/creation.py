"""Op cases for tensor creation: zeros, ones, full, *_like, arange, linspace, eye, tril, triu,
one_hot. Cases without array arguments run once (their dtype comes from the `dtype` keyword or
Keras's defaults)."""
import numpy as np

from tests.ops.op_table import F, I, OpCase

ONCE = ("float32",)
INT = ("int32",)

CASES = [
    # zeros / ones
    OpCase("zeros", ((2, 3),), dtypes=ONCE, grad=False),
    OpCase("zeros", (4,), {"dtype": "int32"}, dtypes=ONCE, grad=False, id="int-shape-dtype"),
    OpCase("zeros", ((),), {"dtype": "float64"}, dtypes=ONCE, grad=False, id="scalar"),
    OpCase("ones", ((2, 3),), dtypes=ONCE, grad=False),
    OpCase("ones", ((3, 0),), {"dtype": "bool"}, dtypes=ONCE, grad=False, id="empty-bool"),
    OpCase("ones", ([2],), {"dtype": "int64"}, dtypes=ONCE, grad=False, id="list-shape"),
    # full (differentiable in fill_value)
    OpCase("full", ((2, 3), 1.5), dtypes=ONCE, grad=False),
    OpCase("full", ((2, 3), 0.1), {"dtype": "float64"}, dtypes=ONCE, grad=False, id="float64"),
    OpCase("full", ((2, 3), 2.7), {"dtype": "int32"}, dtypes=ONCE, grad=False, id="truncates"),
    OpCase("full", ((2, 3), 7), dtypes=ONCE, grad=False, id="int-fill-floatx"),
    OpCase("full", ((2, 3), F((3,))), {"dtype": "float64"}, dtypes=("float64",), id="array-fill"),
    OpCase("full", ((2, 3), F((2, 1))), dtypes=("float32", "float64"), grad=False,
           id="array-fill-cast"),
    # zeros_like / ones_like / full_like (the dtype of x by default)
    OpCase("zeros_like", (F((2, 3)),), grad=False),
    OpCase("zeros_like", (I((2, 3)),), dtypes=INT, grad=False, id="int"),
    OpCase("zeros_like", (F((2,)),), {"dtype": "int64"}, grad=False, id="dtype"),
    OpCase("ones_like", (F((2, 3)),), grad=False),
    OpCase("ones_like", (I((3,)),), {"dtype": "float32"}, dtypes=INT, grad=False, id="dtype"),
    OpCase("full_like", (F((2, 3)), 0.5), grad=False),
    OpCase("full_like", (I((2, 3)), 2.5), dtypes=INT, grad=False, id="int-truncates"),
    OpCase("full_like", (F((2, 3)), F((3,))), grad_argnums=(1,), id="array-fill"),
    OpCase("full_like", (F((2,)), 3), {"dtype": "int8"}, grad=False, id="dtype"),
    # arange: ints -> int32, any float -> floatx
    OpCase("arange", (5,), dtypes=ONCE, grad=False),
    OpCase("arange", (2, 9, 3), dtypes=ONCE, grad=False, id="start-stop-step"),
    OpCase("arange", (5, -3, -2), dtypes=ONCE, grad=False, id="negative-step"),
    OpCase("arange", (0.5, 3), dtypes=ONCE, grad=False, id="float"),
    OpCase("arange", (0, 1, 0.1), dtypes=ONCE, grad=False, id="float-step"),
    OpCase("arange", (1, 2.05, 0.05), {"dtype": "float64"}, dtypes=ONCE, grad=False, id="float64"),
    OpCase("arange", (4,), {"dtype": "float32"}, dtypes=ONCE, grad=False, id="dtype"),
    OpCase("arange", (np.int64(3), 7), dtypes=ONCE, grad=False, id="numpy-int64"),
    OpCase("arange", (3, 3), dtypes=ONCE, grad=False, id="empty"),
    # linspace (differentiable in start and stop)
    OpCase("linspace", (0, 1, 5), dtypes=ONCE, grad=False),
    OpCase("linspace", (2, -1), {"num": 7, "endpoint": False}, dtypes=ONCE, grad=False,
           id="no-endpoint"),
    OpCase("linspace", (0, 1), {"num": 4, "retstep": True}, dtypes=ONCE, grad=False, id="retstep"),
    OpCase("linspace", (0, 10, 5), {"dtype": "int32"}, dtypes=ONCE, grad=False, id="int-dtype"),
    OpCase("linspace", (0.0, 1.0, 3), {"dtype": "float64"}, dtypes=ONCE, grad=False, id="float64"),
    OpCase("linspace", (0, 1, 1), dtypes=ONCE, grad=False, id="num1"),
    OpCase("linspace", (F((2,)), F((2,)), 4)),
    OpCase("linspace", (F((2, 1)), F((3,)), 3), {"axis": -1}, id="broadcast-axis-last"),
    OpCase("linspace", (F((2,)), 1.0, 5), {"endpoint": False, "axis": 1}, id="axis1-no-endpoint"),
    OpCase("linspace", (F((3,)), F((3,)), 4), {"retstep": True}, grad_argnums=(0, 1), id="array-retstep"),
    # eye
    OpCase("eye", (3,), dtypes=ONCE, grad=False),
    OpCase("eye", (2, 4), dtypes=ONCE, grad=False, id="rect"),
    OpCase("eye", (3,), {"k": 1, "dtype": "int32"}, dtypes=ONCE, grad=False, id="k"),
    OpCase("eye", (4, 3, -2), {"dtype": "float64"}, dtypes=ONCE, grad=False, id="negative-k"),
    OpCase("eye", (3,), {"dtype": "bfloat16"}, dtypes=ONCE, grad=False, id="bfloat16"),
    # tril / triu (differentiable; batched over leading axes)
    OpCase("tril", (F((3, 3)),)),
    OpCase("tril", (F((3, 4)), 1), id="k"),
    OpCase("tril", (F((2, 3, 2)),), {"k": -1}, id="batched-negative-k"),
    OpCase("tril", (I((3, 3)),), dtypes=INT, grad=False, id="int"),
    OpCase("triu", (F((3, 3)),)),
    OpCase("triu", (F((4, 3)), -1), id="k"),
    OpCase("triu", (F((2, 2, 3)),), {"k": 2}, id="batched-k"),
    OpCase("triu", (I((3, 3)),), dtypes=INT, grad=False, id="int"),
    # one_hot (out-of-range classes give zero vectors)
    OpCase("one_hot", (I((5,), 0, 4), 4), dtypes=INT, grad=False),
    OpCase("one_hot", (I((2, 3), -1, 6), 4), dtypes=INT, grad=False, id="out-of-range"),
    OpCase("one_hot", (I((2, 3), 0, 3), 3), {"axis": 0}, dtypes=INT, grad=False, id="axis0"),
    OpCase("one_hot", (I((2, 3), 0, 3), 3), {"axis": 1}, dtypes=INT, grad=False, id="axis1"),
    OpCase("one_hot", (I((4,), 0, 2, dtype="int64"), 2), {"dtype": "int32"}, dtypes=INT,
           grad=False, id="dtype"),
]
