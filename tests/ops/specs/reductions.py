"""Op cases for reductions, cumulative ops, sorting and top_k."""
from tests.ops.op_table import B, F, I, OpCase, P  # noqa: F401

CASES = [
    OpCase("sum", (F((2, 3, 4)),)),
    OpCase("sum", (F((2, 3, 4)),), {"axis": 1}, id="axis"),
    OpCase("sum", (F((2, 3, 4)),), {"axis": (0, 2), "keepdims": True}, id="axes-keepdims"),
    OpCase("sum", (I((2, 3), dtype="int8"),), {"axis": -1}, dtypes=("int8",), grad=False, id="int8"),
]
