"""Op cases for the nn ops other than convolution and pooling: activations, softmax, moments,
batch normalization, cross-entropies and dot-product attention."""
from tests.ops.op_table import B, F, I, OpCase, P  # noqa: F401

_INT = ("int32",)

_ACTIVATIONS = [
    "relu", "relu6", "gelu", "silu", "elu", "selu", "leaky_relu", "softplus", "softsign",
    "hard_sigmoid", "hard_silu", "log_sigmoid",
]

CASES = []
for _name in _ACTIVATIONS:
    CASES += [
        # Values spread past every kink (relu6 at 6, hard_sigmoid at +-3).
        OpCase(_name, (F((3, 4), -7, 7),)),
        OpCase(_name, (F((2, 1, 3), -2, 2),), id="rank3"),
        OpCase(_name, (F((), -2, 2),), id="scalar"),
        # ints: relu keeps the int dtype, the others give floatx.
        OpCase(_name, (I((2, 5), -4, 5, "int32"),), dtypes=_INT, grad=False, id="int32"),
        OpCase(_name, (I((5,), -4, 5, "int8"),), dtypes=_INT, grad=False, id="int8"),
    ]

CASES += [
    OpCase("gelu", (F((3, 4), -4, 4),), {"approximate": False}, id="exact"),
    OpCase("gelu", (F((7,), -9, 9),), {"approximate": False}, id="exact-tails"),
    OpCase("gelu", (F((3, 4), -4, 4), False), id="exact-positional"),
    OpCase("elu", (F((3, 4), -3, 3),), {"alpha": 0.5}, id="alpha"),
    OpCase("elu", (F((3, 4), -3, 3), 2.0), id="alpha-positional"),
    OpCase("leaky_relu", (F((3, 4), -3, 3),), {"negative_slope": 0.01}, id="slope"),
    OpCase("leaky_relu", (F((3, 4), -3, 3), 0.5), id="slope-positional"),
    OpCase("softplus", (F((4,), -60, 60),), id="large"),
    OpCase("log_sigmoid", (F((4,), -60, 60),), id="large"),
    OpCase("silu", (F((4,), -60, 60),), id="large"),
    OpCase("relu", (B((2, 3)),), dtypes=_INT, grad=False, id="bool"),

    # softmax / log_softmax: default last axis, other axes, negative axes, tuples, None, big logits.
    OpCase("softmax", (F((3, 4), -3, 3),)),
    OpCase("softmax", (F((3, 4, 2), -3, 3),), {"axis": 1}, id="axis1"),
    OpCase("softmax", (F((3, 4, 2), -3, 3),), {"axis": -3}, id="axis-neg"),
    OpCase("softmax", (F((3, 4, 2), -3, 3),), {"axis": (0, 2)}, id="axis-tuple"),
    OpCase("softmax", (F((3, 4), -3, 3),), {"axis": None}, id="axis-none"),
    OpCase("softmax", (F((2, 5), -500, 500),), id="large-logits"),
    OpCase("softmax", (F((3, 4), -3, 3), 0), id="positional"),
    OpCase("softmax", (I((2, 4), -3, 4),), dtypes=_INT, grad=False, id="int"),
    OpCase("log_softmax", (F((3, 4), -3, 3),)),
    OpCase("log_softmax", (F((3, 4, 2), -3, 3),), {"axis": 1}, id="axis1"),
    OpCase("log_softmax", (F((3, 4, 2), -3, 3),), {"axis": -2}, id="axis-neg"),
    OpCase("log_softmax", (F((3, 4, 2), -3, 3),), {"axis": [0, 1]}, id="axis-list"),
    OpCase("log_softmax", (F((2, 5), -500, 500),), id="large-logits"),
    OpCase("log_softmax", (I((2, 4), -3, 4),), dtypes=_INT, grad=False, id="int"),

    # moments: a list of axes (as Keras), tuples, negative axes, keepdims, every axis.
    OpCase("moments", (F((4, 3)), [0])),
    OpCase("moments", (F((2, 3, 4)), (0, 1)), id="two-axes"),
    OpCase("moments", (F((2, 3, 4)), [-1]), {"keepdims": True}, id="keepdims-neg"),
    OpCase("moments", (F((2, 3, 4)), [0, 1, 2]), id="all"),
    OpCase("moments", (F((2, 3, 4)), 1), id="int-axis"),
    OpCase("moments", (F((2, 3)), [0]), {"synchronized": True}, id="synchronized"),
    OpCase("moments", (F((4, 3), -100, 100), [0]), dtypes=("float16",), grad=False, rtol=2e-3,
           atol=1e-2, id="float16"),
    OpCase("moments", (I((4, 3), -5, 5),), {"axes": [0]}, dtypes=_INT, grad=False, id="int"),

    # batch_normalization: channels last and first, negative axis, with and without offset/scale.
    OpCase("batch_normalization", (F((4, 3)), F((3,)), F((3,), 0.1, 2), -1)),
    OpCase("batch_normalization", (F((2, 3, 2, 2)), F((3,)), F((3,), 0.1, 2), 1),
           {"offset": F((3,)), "scale": F((3,), 0.5, 2)}, id="axis1-offset-scale",
           grad_argnums=(0, 1, 2)),
    OpCase("batch_normalization", (F((2, 2, 3)), F((3,)), F((3,), 0.1, 2), 2, F((3,)), F((3,), 0.5, 2)),
           id="positional-offset-scale"),
    OpCase("batch_normalization", (F((2, 2, 3)), F((2,)), F((2,), 0.1, 2), -2, None, F((2,), 0.5, 2)),
           id="scale-only"),
    OpCase("batch_normalization", (F((2, 2, 3)), F((3,)), F((3,), 0.1, 2), -1, F((3,))),
           {"epsilon": 0.1}, id="offset-epsilon"),

    # binary_crossentropy: probabilities (clipped) and logits; the target is differentiated too.
    OpCase("binary_crossentropy", (F((3, 4), 0, 1), F((3, 4), 0.05, 0.95))),
    OpCase("binary_crossentropy", (F((3, 4), 0, 1), F((3, 4), -4, 4)), {"from_logits": True},
           id="logits"),
    OpCase("binary_crossentropy", (F((3, 4), 0, 1), F((3, 4), -60, 60), True), id="large-logits"),
    OpCase("binary_crossentropy", (I((2, 3), 0, 2), F((2, 3), 0.05, 0.95)), grad_argnums=(1,),
           id="int-target"),

    # categorical_crossentropy: unnormalized probabilities are rescaled, then clipped.
    OpCase("categorical_crossentropy", (F((3, 4), 0, 1), F((3, 4), 0.1, 1))),
    OpCase("categorical_crossentropy", (F((3, 4), 0, 1), F((3, 4), -3, 3)), {"from_logits": True},
           id="logits"),
    OpCase("categorical_crossentropy", (F((2, 4, 3), 0, 1), F((2, 4, 3), 0.1, 1)), {"axis": 1},
           id="axis1"),
    OpCase("categorical_crossentropy", (F((2, 4, 3), 0, 1), F((2, 4, 3), -3, 3), True, -2),
           id="logits-axis-neg"),
    OpCase("categorical_crossentropy", (F((5,), 0, 1), F((5,), -80, 80), True), id="large-logits"),
    OpCase("categorical_crossentropy", (I((3, 4), 0, 2), F((3, 4), 0.1, 1)), grad_argnums=(1,),
           id="int-target"),

    # sparse_categorical_crossentropy: int labels (also with a trailing 1), other class axes.
    OpCase("sparse_categorical_crossentropy", (I((3,), 0, 4), F((3, 4), 0.1, 1))),
    OpCase("sparse_categorical_crossentropy", (I((3,), 0, 4), F((3, 4), -3, 3)), {"from_logits": True},
           id="logits"),
    OpCase("sparse_categorical_crossentropy", (I((3, 1), 0, 4), F((3, 4), -3, 3), True),
           id="trailing-1"),
    OpCase("sparse_categorical_crossentropy", (I((2, 3), 0, 4), F((2, 3, 4), 0.1, 1)), id="rank3"),
    OpCase("sparse_categorical_crossentropy", (I((2, 3), 0, 4), F((2, 4, 3), -3, 3)),
           {"from_logits": True, "axis": 1}, id="axis1"),
    OpCase("sparse_categorical_crossentropy", (I((3,), 0, 4, "int64"), F((3, 4), -3, 3), True),
           id="int64-labels"),

    # dot_product_attention: (B, T, N, H); S != T, grouped heads, bias, masks, causal, scale.
    OpCase("dot_product_attention", (F((2, 3, 2, 4)), F((2, 5, 2, 4)), F((2, 5, 2, 4)))),
    OpCase("dot_product_attention", (F((2, 3, 2, 4)), F((2, 5, 2, 4)), F((2, 5, 2, 3))),
           id="value-dim"),
    OpCase("dot_product_attention", (F((1, 3, 4, 2)), F((1, 4, 2, 2)), F((1, 4, 2, 2))), id="gqa"),
    OpCase("dot_product_attention", (F((1, 3, 4, 2)), F((1, 4, 1, 2)), F((1, 4, 1, 2))), id="mqa"),
    OpCase("dot_product_attention", (F((2, 3, 2, 4)), F((2, 5, 2, 4)), F((2, 5, 2, 4))),
           {"bias": F((3, 5))}, id="bias-2d"),
    OpCase("dot_product_attention", (F((2, 3, 2, 4)), F((2, 5, 2, 4)), F((2, 5, 2, 4)), F((2, 1, 3, 5))),
           id="bias-4d"),
    OpCase("dot_product_attention", (F((2, 3, 2, 4)), F((2, 5, 2, 4)), F((2, 5, 2, 4))),
           {"mask": B((2, 1, 3, 5))}, id="mask"),
    OpCase("dot_product_attention", (F((2, 4, 2, 3)), F((2, 4, 2, 3)), F((2, 4, 2, 3))),
           {"is_causal": True}, id="causal"),
    OpCase("dot_product_attention", (F((1, 3, 2, 2)), F((1, 5, 2, 2)), F((1, 5, 2, 2))),
           {"is_causal": True, "mask": B((3, 5)), "scale": 0.3, "bias": F((1, 2, 1, 5))},
           id="causal-mask-bias-scale"),
    OpCase("dot_product_attention", (F((1, 3, 4, 2)), F((1, 4, 2, 2)), F((1, 4, 2, 2))),
           {"mask": I((4, 3, 4), 0, 2)}, id="gqa-int-mask"),
]
