"""User configuration: floatx, epsilon, image_data_format and the default backend name.

Read once from ~/.kerasish/kerasish.json (or $KERASISH_HOME/kerasish.json), the same keys as
Keras's keras.json; KERASISH_BACKEND overrides the file's "backend".
"""
import json
import os

_FLOATX = "float32"
_EPSILON = 1e-7
_IMAGE_DATA_FORMAT = "channels_last"


def config_dir():
    return os.environ.get("KERASISH_HOME") or os.path.join(os.path.expanduser("~"), ".kerasish")


def read_config_file():
    """The JSON config as a dict ({} when absent). A malformed file is an error naming it."""
    path = os.path.join(config_dir(), "kerasish.json")
    if not os.path.exists(path):
        return {}
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise ValueError(f"Could not read the kerasish config file {path}: {e}") from e
    if not isinstance(data, dict):
        raise ValueError(f"The kerasish config file {path} must hold a JSON object, got {type(data).__name__}.")
    return data


def floatx():
    """The default float dtype, "float32" unless set."""
    return _FLOATX


def set_floatx(value):
    global _FLOATX
    if value not in ("bfloat16", "float16", "float32", "float64"):
        raise ValueError(
            f"Unknown floatx type: {value!r}. Expected one of 'bfloat16', 'float16', 'float32', 'float64'.")
    _FLOATX = str(value)


def epsilon():
    """The fuzz factor used to avoid dividing by zero, 1e-7 unless set."""
    return _EPSILON


def set_epsilon(value):
    global _EPSILON
    _EPSILON = float(value)


def image_data_format():
    return _IMAGE_DATA_FORMAT


def set_image_data_format(data_format):
    global _IMAGE_DATA_FORMAT
    data_format = str(data_format).lower()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError(
            f"Unknown image_data_format: {data_format!r}. Expected 'channels_first' or 'channels_last'.")
    _IMAGE_DATA_FORMAT = data_format


def standardize_data_format(data_format):
    if data_format is None:
        return image_data_format()
    data_format = str(data_format).lower()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError(
            f"data_format must be 'channels_first' or 'channels_last'; received {data_format!r}.")
    return data_format


def _apply_file_settings():
    data = read_config_file()
    if "floatx" in data:
        set_floatx(data["floatx"])
    if "epsilon" in data:
        set_epsilon(data["epsilon"])
    if "image_data_format" in data:
        set_image_data_format(data["image_data_format"])


_apply_file_settings()
