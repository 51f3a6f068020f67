"""Op cases for elementwise math, comparisons and logic."""
from tests.ops.op_table import B, F, I, OpCase  # noqa: F401

CASES = [
    OpCase("add", (F((2, 3)), F((2, 3)))),
    OpCase("add", (F((2, 1, 3)), F((4, 1))), id="broadcast"),
    OpCase("add", (F((3,)), 2.5), id="python-scalar"),
    OpCase("add", (I((2, 3)), I((3,))), dtypes=("int32",), grad=False, id="int"),
]
