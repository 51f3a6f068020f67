"""ImageNet helpers shared by the applications (as keras.applications.imagenet_utils):
`preprocess_input` in the "caffe", "tf" and "torch" modes, `decode_predictions` with the class
index shipped in the package (applications/data/imagenet_class_index.json, byte-identical to the
file Keras downloads: md5 c2c37ea517e94d9795004a39431a14cb), and the input-shape checks."""
import json
import os
import warnings

import numpy as np

from kerasish import activations, backend, ops

CLASS_INDEX_FILE = os.path.join(os.path.dirname(__file__), "data", "imagenet_class_index.json")
_CLASS_INDEX = None

_CAFFE_MEAN_BGR = [103.939, 116.779, 123.68]
_TORCH_MEAN = [0.485, 0.456, 0.406]
_TORCH_STD = [0.229, 0.224, 0.225]


def preprocess_input(x, data_format=None, mode="caffe"):
    """Scales a batch (or one image) of RGB pixels in [0, 255] the way a model was trained:
    "caffe": RGB -> BGR, then minus the ImageNet channel means; "tf": to [-1, 1];
    "torch": to [0, 1], then standardized with the ImageNet channel means and deviations.
    A float NumPy array is modified in place (as Keras does); returns float32 for integer input."""
    if mode not in {"caffe", "tf", "torch"}:
        raise ValueError(f"Expected mode to be one of `caffe`, `tf` or `torch`. Received: mode={mode}")
    data_format = _data_format(data_format)
    if isinstance(x, np.ndarray):
        return _preprocess_numpy(x, data_format, mode)
    return _preprocess_tensor(x, data_format, mode)


def _data_format(data_format):
    if data_format is None:
        return backend.image_data_format()
    if data_format not in {"channels_first", "channels_last"}:
        raise ValueError("Expected data_format to be one of `channels_first` or `channels_last`. "
                         f"Received: data_format={data_format}")
    return data_format


def _channel_shape(ndim, data_format):
    """Shape that broadcasts a per-channel vector against an image (3-D) or batch (4-D)."""
    if data_format == "channels_first":
        return (3,) + (1,) * (ndim - 1) if ndim == 3 else (1, 3) + (1,) * (ndim - 2)
    return (1,) * (ndim - 1) + (3,)


def _preprocess_numpy(x, data_format, mode):
    if not issubclass(x.dtype.type, np.floating):
        x = x.astype(backend.floatx(), copy=False)
    if mode == "tf":
        x /= 127.5
        x -= 1.0
        return x
    if mode == "torch":
        x /= 255.0
        mean, std = _TORCH_MEAN, _TORCH_STD
    else:
        channel_axis = (0 if x.ndim == 3 else 1) if data_format == "channels_first" else -1
        x = np.flip(x, axis=channel_axis)  # RGB -> BGR (a view, as Keras's slicing)
        mean, std = _CAFFE_MEAN_BGR, None
    shape = _channel_shape(x.ndim, data_format)
    x -= np.reshape(np.asarray(mean, x.dtype), shape)
    if std is not None:
        x /= np.reshape(np.asarray(std, x.dtype), shape)
    return x


def _preprocess_tensor(x, data_format, mode):
    x = ops.convert_to_tensor(x)
    if not backend.is_float(backend.standardize_dtype(x.dtype)):
        x = ops.cast(x, backend.floatx())
    if mode == "tf":
        return x / 127.5 - 1.0
    ndim = len(x.shape)
    if mode == "torch":
        x = x / 255.0
        mean, std = _TORCH_MEAN, _TORCH_STD
    else:
        channel_axis = (0 if ndim == 3 else 1) if data_format == "channels_first" else -1
        x = ops.flip(x, axis=channel_axis)
        mean, std = _CAFFE_MEAN_BGR, None
    shape = _channel_shape(ndim, data_format)
    x = x - ops.reshape(ops.convert_to_tensor(np.asarray(mean), dtype=x.dtype), shape)
    if std is not None:
        x = x / ops.reshape(ops.convert_to_tensor(np.asarray(std), dtype=x.dtype), shape)
    return x


def load_class_index():
    """{"0": ["n01440764", "tench"], ...}: the ImageNet class index shipped with the package."""
    global _CLASS_INDEX
    if _CLASS_INDEX is None:
        with open(CLASS_INDEX_FILE, encoding="utf-8") as f:
            _CLASS_INDEX = json.load(f)
    return _CLASS_INDEX


def decode_predictions(preds, top=5):
    """For each row of a (samples, 1000) batch of ImageNet scores, the `top` classes as
    (class_id, class_name, score) tuples, best first. Reads the class names shipped in the
    package; nothing is downloaded."""
    shape = tuple(preds.shape)
    if len(shape) != 2 or shape[1] != 1000:
        raise ValueError("`decode_predictions` expects a batch of predictions (i.e. a 2D array of "
                         f"shape (samples, 1000)). Received array with shape: {shape}")
    index = load_class_index()
    results = []
    for pred in np.asarray(ops.convert_to_numpy(preds)):
        top_indices = pred.argsort()[-top:][::-1]
        result = [tuple(index[str(i)]) + (pred[i],) for i in top_indices]
        result.sort(key=lambda r: r[2], reverse=True)
        results.append(result)
    return results


def obtain_input_shape(input_shape, default_size, min_size, data_format, require_flatten,
                       weights=None):
    """The model's input shape from the user's `input_shape` (as Keras): the default square size
    when none is given, checks of rank, channels and minimum size, and a static shape whenever the
    classifier top (which flattens or has a fixed size) is included."""
    channels_first = data_format == "channels_first"
    if weights != "imagenet" and input_shape and len(input_shape) == 3:
        channels = input_shape[0] if channels_first else input_shape[-1]
        if channels not in {1, 3}:
            warnings.warn("This model usually expects 1 or 3 input channels. However, it was "
                          f"passed an input_shape with {channels} input channels.", stacklevel=3)
        default_shape = ((channels, default_size, default_size) if channels_first
                         else (default_size, default_size, channels))
    else:
        default_shape = (3, default_size, default_size) if channels_first else (
            default_size, default_size, 3)
    if weights == "imagenet" and require_flatten:
        if input_shape is not None and tuple(input_shape) != default_shape:
            raise ValueError("When setting `include_top=True` and loading `imagenet` weights, "
                             f"`input_shape` should be {default_shape}.  Received: "
                             f"input_shape={input_shape}")
        return default_shape
    if input_shape:
        input_shape = tuple(input_shape)
        if len(input_shape) != 3:
            raise ValueError("`input_shape` must be a tuple of three integers. Received: "
                             f"input_shape={input_shape}")
        channels = input_shape[0] if channels_first else input_shape[-1]
        rows, cols = input_shape[1:] if channels_first else input_shape[:2]
        if channels != 3 and weights == "imagenet":
            raise ValueError(f"The input must have 3 channels; Received `input_shape={input_shape}`")
        if (rows is not None and rows < min_size) or (cols is not None and cols < min_size):
            raise ValueError(f"Input size must be at least {min_size}x{min_size}; Received: "
                             f"input_shape={input_shape}")
    elif require_flatten:
        input_shape = default_shape
    else:
        input_shape = (3, None, None) if channels_first else (None, None, 3)
    if require_flatten and None in input_shape:
        raise ValueError("If `include_top` is True, you should specify a static `input_shape`. "
                         f"Received: input_shape={input_shape}")
    return input_shape


def correct_pad(inputs, kernel_size):
    """((top, bottom), (left, right)) zero padding that makes a stride-2 'valid' convolution match
    TensorFlow's 'same' padding (one more pixel after than before on even sizes)."""
    spatial = 2 if backend.image_data_format() == "channels_first" else 1
    size = tuple(inputs.shape[spatial:spatial + 2])
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    adjust = (1, 1) if size[0] is None else (1 - size[0] % 2, 1 - size[1] % 2)
    correct = (kernel_size[0] // 2, kernel_size[1] // 2)
    return ((correct[0] - adjust[0], correct[0]), (correct[1] - adjust[1], correct[1]))


def validate_activation(classifier_activation, weights):
    """Pretrained classifier tops only make sense with softmax (or raw logits)."""
    if weights is None:
        return
    activation = activations.get(classifier_activation)
    if activation not in {activations.get("softmax"), activations.get(None)}:
        raise ValueError(
            "Only `None` and `softmax` activations are allowed for the `classifier_activation` "
            "argument when using pretrained weights, with `include_top=True`; Received: "
            f"classifier_activation={classifier_activation}")


PREPROCESS_INPUT_DOC = """Preprocesses a batch of RGB images with values in [0, 255] for {model}.

    Args:
        x: a floating point NumPy array (modified in place) or a tensor, 3-D or 4-D with 3
            color channels.
        data_format: "channels_first" or "channels_last"; None uses
            `kerasish.backend.image_data_format()`.

    Returns:
        The preprocessed array or tensor: {ret}
    """
