"""EinsumDense: `activation(einsum(equation, inputs, kernel) + bias)` (as keras.layers.EinsumDense).

The equation is "X,Y->Z", "...X,Y->...Z" or "XW...,Y->Z..." (letters for the input, kernel and
output axes). `output_shape` gives the output's sizes without the batch axis and without the
ellipsis' axes; `None` entries are the input's sizes. The kernel's sizes come from the output
(letters shared with it) or else the input; the bias covers the output axes from the first letter
of `bias_axes` onward, size 1 on the axes not named.
"""
import numbers
import re

from kerasish import activations, constraints, initializers, ops, regularizers
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer

_L = "[a-zA-Z]"
_FORMS = (  # (pattern, where the ellipsis is)
    (re.compile(rf"({_L}+),({_L}+)->({_L}+)"), None),
    (re.compile(rf"\.\.\.({_L}+),({_L}+)->\.\.\.({_L}+)"), "left"),
    (re.compile(rf"({_L}{{2,}})\.\.\.,({_L}+)->({_L}+)\.\.\."), "right"),
)


def _parse_equation(equation):
    """(input letters, kernel letters, output letters, ellipsis side or None)."""
    if isinstance(equation, str):
        for pattern, ellipsis in _FORMS:
            match = pattern.fullmatch(equation)
            if match:
                return match.group(1), match.group(2), match.group(3), ellipsis
    raise ValueError(
        f"EinsumDense: invalid einsum equation {equation!r}. Equations must be in the form "
        f"[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]... (letters only, e.g. "
        f"'ab,bc->ac').")


def _is_size(d):
    return isinstance(d, numbers.Integral) and not isinstance(d, bool) and d > 0


class EinsumDense(Layer):
    def __init__(self, equation, output_shape, activation=None, bias_axes=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, lora_rank=None, lora_alpha=None,
                 gptq_unpacked_column_size=None, quantization_config=None, **kwargs):
        super().__init__(**kwargs)
        if lora_rank is not None or quantization_config is not None or gptq_unpacked_column_size:
            raise NotImplementedError(
                "EinsumDense: LoRA (lora_rank) and quantization are not supported by kerasish yet.")
        self._spec = _parse_equation(equation)
        self.equation = equation
        self.partial_output_shape = self._check_output_shape(output_shape)
        self.bias_axes = self._check_bias_axes(bias_axes)
        self.activation = activations.get(activation)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)

    def _check_output_shape(self, output_shape):
        in_spec, kernel_spec, out_spec, ellipsis = self._spec
        shape = (output_shape,) if isinstance(output_shape, numbers.Integral) else output_shape
        # Every output axis gets a size, except the batch axis; after a leading "..." (which
        # holds the batch axis), every letter does.
        expected = len(out_spec) if ellipsis == "left" else len(out_spec) - 1
        if (not isinstance(shape, (list, tuple)) or len(shape) != expected
                or not all(d is None or _is_size(d) for d in shape)):
            without = ("not counting the axes of ..." if ellipsis == "left"
                       else "without the batch axis")
            raise ValueError(
                f"EinsumDense: `output_shape` must give {expected} sizes (positive ints or None) "
                f"for the output axes {out_spec!r} of equation {self.equation!r}, {without}; "
                f"received output_shape={output_shape!r}.")
        for letter in out_spec:
            if letter not in in_spec and letter not in kernel_spec:
                raise ValueError(
                    f"EinsumDense: output axis {letter!r} of equation {self.equation!r} is in "
                    f"neither the input {in_spec!r} nor the kernel {kernel_spec!r}.")
        for letter in kernel_spec:
            if letter not in in_spec and letter not in out_spec:
                raise ValueError(
                    f"EinsumDense: kernel axis {letter!r} of equation {self.equation!r} is in "
                    f"neither the input {in_spec!r} nor the output {out_spec!r}, so its size is "
                    f"unknown.")
        return tuple(None if d is None else int(d) for d in shape)

    def _check_bias_axes(self, bias_axes):
        out_spec = self._spec[2]
        if bias_axes is None:
            return None
        if not isinstance(bias_axes, str) or not bias_axes or not set(bias_axes) <= set(out_spec):
            raise ValueError(
                f"EinsumDense: `bias_axes` must be None or letters of the output {out_spec!r} "
                f"of equation {self.equation!r}; received bias_axes={bias_axes!r}.")
        return bias_axes

    def _shapes(self, input_shape):
        """(kernel shape, bias shape or None, full output shape, input axes, output axes), where
        the axes are the kernel's axes shared with the input and the output (for the fans)."""
        in_spec, kernel_spec, out_spec, ellipsis = self._spec
        input_shape = tuple(input_shape)
        elided = len(input_shape) - len(in_spec)
        if elided < 0 or (elided and ellipsis is None):
            raise ValueError(
                f"EinsumDense layer {self.name!r}: equation {self.equation!r} expects inputs of "
                f"rank {len(in_spec)}{' or more' if ellipsis else ''}; received input shape "
                f"{input_shape}.")
        offset = elided if ellipsis == "left" else 0  # where the spec's letters start
        input_sizes = {c: input_shape[i + offset] for i, c in enumerate(in_spec)}
        if ellipsis == "left":
            full = list(input_shape[:elided]) + list(self.partial_output_shape)
        else:
            full = [input_shape[0]] + list(self.partial_output_shape)
            full += list(input_shape[len(in_spec):])  # a trailing "..."
        output_sizes = {}
        for i, c in enumerate(out_spec):
            given, actual = full[i + offset], input_sizes.get(c)
            if given is not None and actual is not None and given != actual:
                raise ValueError(
                    f"EinsumDense layer {self.name!r}: input shape and output shape do not match "
                    f"at shared dimension {c!r}: the input has {actual}, output_shape gives "
                    f"{given}.")
            if given is None:
                full[i + offset] = actual  # a None in output_shape: the input's size
            output_sizes[c] = full[i + offset]

        kernel_shape, input_axes, output_axes = [], [], []
        for i, c in enumerate(kernel_spec):
            size = output_sizes[c] if c in output_sizes else input_sizes[c]
            (output_axes if c in output_sizes else input_axes).append(i)
            if size is None:
                raise ValueError(
                    f"EinsumDense layer {self.name!r}: the size of kernel axis {c!r} must be "
                    f"known; give it in `output_shape` or in the input shape (received input "
                    f"shape {input_shape}).")
            kernel_shape.append(size)

        bias_shape = None
        if self.bias_axes:
            first = min(out_spec.index(c) for c in self.bias_axes)
            bias_shape = [output_sizes[c] if c in self.bias_axes else 1 for c in out_spec[first:]]
            if ellipsis == "right":
                bias_shape += [1] * elided  # broadcast over the trailing "..." axes
            if None in bias_shape:
                raise ValueError(
                    f"EinsumDense layer {self.name!r}: the bias axes {self.bias_axes!r} must have "
                    f"known sizes; got bias shape {tuple(bias_shape)} for input shape "
                    f"{input_shape}.")
        return kernel_shape, bias_shape, tuple(full), input_axes, output_axes

    def build(self, input_shape):
        kernel_shape, bias_shape, _, input_axes, output_axes = self._shapes(input_shape)
        initializer = self.kernel_initializer
        if isinstance(initializer, initializers.VarianceScaling) and (
                initializer.input_axes is None or initializer.output_axes is None):
            # As Keras: the fans count the kernel axes shared with the input and the output; the
            # copy keeps the initializer's seed, so its values do not change between builds.
            config = dict(initializer.get_config(), seed=initializer.seed,
                          input_axes=input_axes, output_axes=output_axes)
            initializer = type(initializer).from_config(config)
        self.kernel = self.add_weight(
            name="kernel", shape=tuple(kernel_shape), initializer=initializer,
            regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.bias = self.add_weight(
            name="bias", shape=tuple(bias_shape), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if bias_shape is not None else None
        self.input_spec = InputSpec(ndim=len(input_shape))
        self.built = True

    def call(self, inputs):
        x = ops.einsum(self.equation, inputs, self.kernel)
        if self.bias is not None:
            x = ops.add(x, self.bias)
        return self.activation(x)

    def compute_output_shape(self, input_shape):
        return self._shapes(input_shape)[2]

    def get_config(self):
        return {**super().get_config(), "output_shape": self.partial_output_shape,
                "equation": self.equation, "activation": activations.serialize(self.activation),
                "bias_axes": self.bias_axes,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "kernel_constraint": constraints.serialize(self.kernel_constraint),
                "bias_constraint": constraints.serialize(self.bias_constraint),
                "quantization_config": None}
