"""Op cases for products and norms: matmul, dot, tensordot, einsum, outer, norm."""
import math

from tests.ops.op_table import B, F, I, OpCase, P  # noqa: F401

INTS = ("int32",)

CASES = [
    # matmul: matrices, batches with broadcasting, 1-D operands, int dtypes
    OpCase("matmul", (F((2, 3)), F((3, 4)))),
    OpCase("matmul", (F((2, 2, 3)), F((3, 4))), id="batch-x1"),
    OpCase("matmul", (F((2, 1, 2, 3)), F((3, 3, 2))), id="batch-broadcast"),
    OpCase("matmul", (F((3,)), F((2, 3, 4))), id="vector-matrix"),
    OpCase("matmul", (F((2, 2, 3)), F((3,))), id="matrix-vector"),
    OpCase("matmul", (F((4,)), F((4,))), id="vector-vector"),
    OpCase("matmul", (I((2, 3), -3, 3), I((3, 2), -3, 3)), dtypes=INTS, grad=False, id="int"),
    OpCase("matmul", (I((2, 3), -3, 3, dtype="int8"), I((3, 2), -3, 3, dtype="int8")), dtypes=("int8",),
           grad=False, id="int8-gives-int32"),
    OpCase("matmul", (I((2, 3), -3, 3), F((3, 2))), id="int-float", grad_argnums=(1,)),
    # dot (NumPy semantics)
    OpCase("dot", (F((2, 3)), F((3, 4)))),
    OpCase("dot", (F((4,)), F((4,))), id="vectors"),
    OpCase("dot", (F((2, 3, 4)), F((4,))), id="nd-vector"),
    OpCase("dot", (F((2, 3)), F((2, 3, 2))), id="nd-nd"),
    OpCase("dot", (F((2, 3)), 1.5), id="scalar"),
    # Only x2 differentiated: the finite-difference check would turn the 0-d x1 into an np.float64
    # scalar, which convert_to_tensor takes for a weak Python float (floatx).
    OpCase("dot", (F(()), F((2, 3))), grad_argnums=(1,), id="0d"),
    OpCase("dot", (I((2, 3), -3, 3), I((3,), -3, 3)), dtypes=INTS, grad=False, id="int"),
    # tensordot
    OpCase("tensordot", (F((2, 3, 4)), F((3, 4, 2)))),
    OpCase("tensordot", (F((2, 3)), F((3, 4))), {"axes": 1}, id="axes1"),
    OpCase("tensordot", (F((2, 3)), F((4, 5))), {"axes": 0}, id="outer"),
    OpCase("tensordot", (F((2, 3, 4)), F((4, 2, 3))), {"axes": ([1, 2], [2, 0])}, id="pairs"),
    OpCase("tensordot", (F((3, 2, 4)), F((4, 5, 3))), {"axes": ((-1, 0), (0, -1))}, id="neg-axes"),
    OpCase("tensordot", (F((2, 3)), F((3, 2))), {"axes": (1, 0)}, id="int-pair"),
    OpCase("tensordot", (I((2, 3), -3, 3), I((3, 2), -3, 3)), {"axes": 1}, dtypes=INTS, grad=False, id="int"),
    # einsum
    OpCase("einsum", ("ij,jk->ik", F((2, 3)), F((3, 4)))),
    OpCase("einsum", ("bij,bjk->bik", F((2, 2, 3)), F((2, 3, 2))), id="batched"),
    OpCase("einsum", ("ij->ji", F((2, 3))), id="transpose"),
    OpCase("einsum", ("ij->i", F((2, 3))), id="sum-axis"),
    OpCase("einsum", ("ij,j", F((2, 3)), F((3,))), id="implicit"),
    OpCase("einsum", ("...ij,...jk->...ik", F((2, 2, 3)), F((3, 4))), id="ellipsis-broadcast"),
    OpCase("einsum", ("i...,i->...", F((3, 2, 2)), F((3,))), id="ellipsis-trailing"),
    OpCase("einsum", ("ii->i", F((3, 3))), id="diagonal"),
    OpCase("einsum", ("ii", F((3, 3))), id="trace"),
    OpCase("einsum", ("i,j,jk->ik", F((2,)), F((3,)), F((3, 2))), id="three-operands"),
    OpCase("einsum", ("ij,ij->ij", F((1, 3)), F((2, 3))), id="size1-broadcast"),
    OpCase("einsum", ("ij,jk->ik", I((2, 3), -3, 3, dtype="int8"), I((3, 2), -3, 3, dtype="int8")),
           dtypes=("int8",), grad=False, id="int8-gives-int32"),
    # outer
    OpCase("outer", (F((3,)), F((4,)))),
    OpCase("outer", (F((2, 2)), F((3,))), id="flattens"),
    OpCase("outer", (I((3,), -3, 3), I((2,), -3, 3)), dtypes=INTS, grad=False, id="int"),
    # norm: vectors (P: distinct magnitudes, and no zeros for the p-norms' gradients)
    OpCase("norm", (F((3, 4)),)),
    OpCase("norm", (F((2, 3, 4)),), {"keepdims": True}, id="all-keepdims"),
    OpCase("norm", (F((2, 3, 4)),), {"axis": -1}, id="vector-axis"),
    OpCase("norm", (F((2, 3)),), {"axis": 0, "keepdims": True, "ord": 2}, id="ord2-keepdims"),
    OpCase("norm", (P((2, 5), 2),), {"axis": 1, "ord": 1}, id="ord1"),
    OpCase("norm", (P((2, 5), 2),), {"axis": 1, "ord": math.inf}, id="ord-inf"),
    OpCase("norm", (P((2, 5), 2),), {"axis": -1, "ord": -math.inf}, id="ord-neg-inf"),
    OpCase("norm", (P((2, 5), 2),), {"axis": 1, "ord": 0}, id="ord0"),
    OpCase("norm", (F((2, 5), 0.2, 1),), {"axis": 1, "ord": 3}, id="ord3"),
    OpCase("norm", (F((2, 5), 0.2, 1),), {"axis": 1, "ord": 0.5}, id="ord-half"),
    OpCase("norm", (F((2, 5), 0.2, 1),), {"axis": 0, "ord": -1}, id="ord-neg1"),
    OpCase("norm", (P((5,), 2),), {"ord": math.inf}, id="1d-ord-inf"),
    # norm: matrices
    OpCase("norm", (F((3, 4)),), {"ord": "fro"}, id="fro"),
    OpCase("norm", (F((2, 3, 4)),), {"axis": (1, 2)}, id="matrix-default"),
    OpCase("norm", (P((3, 4), 2),), {"ord": 1}, id="matrix-ord1"),
    OpCase("norm", (P((3, 4), 2),), {"ord": -1, "keepdims": True}, id="matrix-ord-neg1"),
    OpCase("norm", (P((2, 3, 4), 2),), {"ord": math.inf, "axis": (2, 1)}, id="matrix-inf"),
    OpCase("norm", (P((3, 4), 2),), {"ord": -math.inf}, id="matrix-neg-inf"),
    OpCase("norm", (F((3, 4)),), {"ord": 2}, id="matrix-ord2", rtol=1e-4, fd_rtol=1e-4),
    OpCase("norm", (F((2, 3, 3)),), {"ord": -2, "axis": (-2, -1), "keepdims": True}, id="matrix-neg2",
           rtol=1e-4, fd_rtol=1e-4),
    OpCase("norm", (F((4, 3)),), {"ord": "nuc"}, id="nuclear", rtol=1e-4, fd_rtol=1e-4),
    OpCase("norm", (F((2, 4, 3)),), {"ord": "nuc", "axis": (0, 2)}, id="nuclear-axes", rtol=1e-4, fd_rtol=1e-4),
    OpCase("norm", (I((2, 3), -3, 3),), {"axis": 1}, dtypes=INTS, grad=False, id="int"),
]
