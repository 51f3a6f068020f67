"""Op cases for convolution and pooling: 1-D, 2-D and 3-D, strides, "valid"/"same", dilation,
groups, channels_first, conv_transpose output_padding. Inputs stay tiny so the finite-difference
gradient checks stay fast."""
from tests.ops.op_table import F, I, OpCase, P

CF = {"data_format": "channels_first"}


def _case(op, args, id, **kwargs):
    # Sums of a few dozen float32 products: numpy (BLAS) and XLA round differently near zero.
    return OpCase(op, args, kwargs, atol=1e-5, id=id)


CASES = [
    # conv: kernel (*k, in // groups, filters)
    _case("conv", (F((2, 7, 3)), F((3, 3, 4))), id="1d"),
    _case("conv", (F((2, 7, 3)), F((3, 3, 4))), strides=2, padding="same", id="1d-strides-same"),
    _case("conv", (F((2, 8, 2)), F((3, 2, 3))), dilation_rate=2, padding="same", id="1d-dilation-same"),
    _case("conv", (F((2, 5, 5, 3)), F((3, 3, 3, 4))), id="2d"),
    _case("conv", (F((2, 5, 5, 3)), F((3, 3, 3, 4))), strides=2, padding="same", id="2d-strides-same"),
    _case("conv", (F((2, 6, 5, 3)), F((2, 3, 3, 2))), strides=2, id="2d-strides-valid"),
    _case("conv", (F((1, 6, 6, 2)), F((2, 2, 2, 3))), strides=(1, 2), dilation_rate=(2, 1), padding="same",
          id="2d-strides-and-dilation"),
    _case("conv", (F((2, 5, 5, 4)), F((3, 3, 2, 6))), padding="same", id="2d-groups"),
    _case("conv", (F((1, 5, 5, 4)), F((3, 3, 1, 4))), id="2d-groups-per-channel"),
    _case("conv", (F((2, 3, 5, 5)), F((3, 3, 3, 4))), strides=2, padding="same", id="2d-channels-first", **CF),
    _case("conv", (F((1, 4, 5, 4)), F((2, 2, 2, 4))), dilation_rate=2, id="2d-channels-first-groups", **CF),
    _case("conv", (F((1, 4, 4, 4, 2)), F((2, 2, 2, 2, 3))), strides=2, padding="same", id="3d"),
    _case("conv", (F((1, 2, 4, 3, 3)), F((2, 2, 1, 2, 2))), id="3d-channels-first", **CF),
    OpCase("conv", (I((2, 5, 3), -3, 3), I((2, 3, 2), -3, 3)), {"padding": "same"}, dtypes=("int32",),
           grad=False, id="int"),

    # depthwise_conv: kernel (*k, in, multiplier)
    _case("depthwise_conv", (F((2, 7, 3)), F((3, 3, 1))), id="1d"),
    _case("depthwise_conv", (F((2, 7, 2)), F((2, 2, 3))), strides=2, padding="same", id="1d-multiplier-same"),
    _case("depthwise_conv", (F((2, 5, 5, 3)), F((3, 3, 3, 2))), id="2d"),
    _case("depthwise_conv", (F((2, 5, 5, 2)), F((3, 3, 2, 2))), strides=2, padding="same", id="2d-strides-same"),
    _case("depthwise_conv", (F((1, 6, 6, 2)), F((2, 2, 2, 1))), dilation_rate=2, padding="same", id="2d-dilation"),
    _case("depthwise_conv", (F((2, 3, 5, 5)), F((3, 3, 3, 2))), padding="same", id="2d-channels-first", **CF),
    _case("depthwise_conv", (F((1, 3, 4, 3, 2)), F((2, 2, 2, 2, 2))), id="3d"),
    OpCase("depthwise_conv", (I((2, 5, 2), -3, 3), I((2, 2, 2), -3, 3)), dtypes=("int32",), grad=False, id="int"),

    # separable_conv: depthwise (*k, in, multiplier), then pointwise (*ones, in * multiplier, filters)
    _case("separable_conv", (F((2, 7, 2)), F((3, 2, 2)), F((1, 4, 3))), id="1d"),
    _case("separable_conv", (F((2, 5, 5, 2)), F((3, 3, 2, 2)), F((1, 1, 4, 3))), strides=2, padding="same",
          id="2d-strides-same"),
    _case("separable_conv", (F((1, 6, 6, 3)), F((2, 2, 3, 1)), F((1, 1, 3, 2))), dilation_rate=2, id="2d-dilation"),
    _case("separable_conv", (F((2, 2, 5, 5)), F((3, 3, 2, 1)), F((1, 1, 2, 3))), padding="same",
          id="2d-channels-first", **CF),

    # conv_transpose: kernel (*k, filters, in)
    _case("conv_transpose", (F((2, 4, 3)), F((3, 2, 3))), id="1d"),
    _case("conv_transpose", (F((2, 4, 3)), F((3, 2, 3))), strides=2, padding="same", id="1d-strides-same"),
    _case("conv_transpose", (F((2, 3, 2)), F((2, 2, 2))), strides=3, id="1d-stride-over-kernel"),
    _case("conv_transpose", (F((2, 3, 3, 2)), F((3, 3, 2, 2))), id="2d"),
    _case("conv_transpose", (F((2, 3, 3, 2)), F((3, 3, 3, 2))), strides=2, id="2d-strides-valid"),
    _case("conv_transpose", (F((2, 3, 3, 2)), F((3, 3, 3, 2))), strides=2, padding="same", id="2d-strides-same"),
    _case("conv_transpose", (F((1, 3, 3, 2)), F((3, 3, 2, 2))), strides=2, output_padding=1,
          id="2d-output-padding-valid"),
    _case("conv_transpose", (F((1, 3, 3, 2)), F((2, 2, 2, 2))), strides=(3, 2), padding="same",
          output_padding=(2, 0), id="2d-output-padding-same"),
    _case("conv_transpose", (F((1, 3, 4, 2)), F((2, 2, 2, 2))), dilation_rate=2, padding="same", id="2d-dilation"),
    _case("conv_transpose", (F((2, 2, 3, 3)), F((3, 3, 3, 2))), strides=2, padding="same",
          id="2d-channels-first", **CF),
    _case("conv_transpose", (F((1, 2, 2, 2, 2)), F((2, 2, 2, 2, 2))), strides=2, id="3d"),
    OpCase("conv_transpose", (I((2, 3, 2), -3, 3), I((2, 2, 2), -3, 3)), {"strides": 2}, dtypes=("int32",),
           grad=False, id="int"),

    # max_pool: distinct values (P) so the maximum and its gradient are unambiguous
    OpCase("max_pool", (P((2, 7, 2)), 2), id="1d"),
    OpCase("max_pool", (P((2, 7, 2)), 3), {"strides": 2, "padding": "same"}, id="1d-same"),
    OpCase("max_pool", (P((2, 5, 5, 2)), 2), id="2d"),
    OpCase("max_pool", (P((2, 5, 5, 2)), (2, 2)), {"padding": "same"}, id="2d-same"),
    OpCase("max_pool", (P((1, 5, 5, 2)), 3), {"strides": 1, "padding": "same"}, id="2d-overlapping-same"),
    OpCase("max_pool", (P((1, 5, 6, 2)), (2, 3)), {"strides": (1, 2)}, id="2d-rectangular"),
    OpCase("max_pool", (P((2, 2, 5, 5)), 2), {"strides": 1, **CF}, id="2d-channels-first"),
    OpCase("max_pool", (P((1, 4, 4, 4, 2)), 2), {"padding": "same", "strides": (2, 1, 2)}, id="3d"),
    OpCase("max_pool", (I((2, 5, 5, 2), -9, 9), 2), {"padding": "same"}, dtypes=("int32",), grad=False, id="int"),

    # average_pool: "same" averages the real entries of each border window, as Keras's jax backend
    OpCase("average_pool", (F((2, 7, 2)), 2), id="1d"),
    OpCase("average_pool", (F((2, 7, 2)), 3), {"strides": 2, "padding": "same"}, id="1d-same"),
    OpCase("average_pool", (F((2, 5, 5, 2)), 2), id="2d"),
    OpCase("average_pool", (F((2, 5, 5, 2)), (2, 2)), {"padding": "same"}, id="2d-same"),
    OpCase("average_pool", (F((1, 5, 5, 2)), 3), {"strides": 1, "padding": "same"}, id="2d-overlapping-same"),
    OpCase("average_pool", (F((1, 5, 6, 2)), (2, 3)), {"strides": (1, 2), "padding": "same"}, id="2d-rectangular"),
    OpCase("average_pool", (F((2, 2, 5, 5)), 2), {"strides": 1, **CF}, id="2d-channels-first"),
    OpCase("average_pool", (F((1, 4, 4, 4, 2)), 2), {"padding": "same", "strides": (2, 1, 2)}, id="3d"),
    OpCase("average_pool", (I((2, 5, 5, 2), -9, 9), 2), {"padding": "same"}, dtypes=("int32",), grad=False,
           id="int"),
]
