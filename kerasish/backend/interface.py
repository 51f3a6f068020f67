"""The backend interface: the names a backend object must provide.

Each op takes Keras's arguments (see kerasish/ops/ for the signatures and docs/adding-a-backend.md
for the conventions); kerasish.ops validates arguments before calling the backend, so a backend may
assume well-formed input. Random ops take an explicit `seed`: a uint32 tensor of shape (2,).
"""

CORE = (
    "name", "convert_to_tensor", "convert_to_numpy", "cast", "is_tensor", "shape",
    "cond", "scan", "fori_loop", "while_loop",
    "stop_gradient", "custom_gradient", "value_and_grad", "grad", "jit",
    "getitem", "slice", "slice_update", "scatter", "scatter_update", "compute_output_spec",
)
ELEMENTWISE = (
    "add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "mod", "power",
    "negative", "abs", "sign", "sqrt", "rsqrt", "square", "reciprocal", "exp", "expm1", "log",
    "log1p", "log2", "log10", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2",
    "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "erf", "sigmoid",
    "maximum", "minimum", "clip", "round", "floor", "ceil", "where",
    "isnan", "isinf", "isfinite", "equal", "not_equal", "less", "less_equal", "greater",
    "greater_equal", "logical_and", "logical_or", "logical_not", "logical_xor",
)
REDUCTIONS = (
    "sum", "mean", "var", "std", "max", "min", "prod", "all", "any", "argmax", "argmin",
    "cumsum", "cumprod", "logsumexp", "sort", "argsort", "top_k",
)
LINALG = ("matmul", "dot", "tensordot", "einsum", "outer", "norm")
SHAPES = (
    "reshape", "transpose", "swapaxes", "moveaxis", "expand_dims", "squeeze", "concatenate",
    "stack", "split", "tile", "repeat", "broadcast_to", "pad", "flip", "roll", "take",
    "take_along_axis",
)
CREATION = (
    "zeros", "ones", "full", "zeros_like", "ones_like", "full_like", "arange", "linspace", "eye",
    "tril", "triu", "one_hot",
)
NN = (
    "relu", "relu6", "gelu", "silu", "elu", "selu", "leaky_relu", "softplus", "softsign",
    "hard_sigmoid", "hard_silu", "log_sigmoid", "softmax", "log_softmax",
    "conv", "conv_transpose", "depthwise_conv", "separable_conv", "max_pool", "average_pool",
    "moments", "batch_normalization", "binary_crossentropy", "categorical_crossentropy",
    "sparse_categorical_crossentropy", "dot_product_attention",
)
RANDOM = (
    "random_normal", "random_uniform", "random_truncated_normal", "random_randint",
    "random_categorical", "random_dropout", "random_shuffle",
)

REQUIRED = CORE + ELEMENTWISE + REDUCTIONS + LINALG + SHAPES + CREATION + NN + RANDOM


def missing_names(backend, names=REQUIRED):
    """The `names` that `backend` lacks, in interface order."""
    return [name for name in names if not hasattr(backend, name)]
