"""Converting logs to what callbacks read: Python floats, read from the device only on demand."""
import numpy as np


def to_python(value):
    """A log value as a Python float when it is a number or a scalar tensor; other tensors as
    NumPy arrays; anything else (strings, lists) unchanged."""
    if isinstance(value, (bool, int, float, np.number, np.bool_)):
        return float(value)
    if hasattr(value, "__array__"):
        try:
            array = np.asarray(value)
        except Exception:  # e.g. a symbolic tensor: leave it as it is
            return value
        if array.ndim == 0 and array.dtype.kind in "biuf":
            return float(array)
        return array
    return value


def pythonify_logs(logs):
    """Logs as Keras hands them to callbacks: nested dicts flattened, keys sorted, values as
    Python floats where possible. Reading a device value waits for it to be computed."""
    result = {}
    for key, value in sorted((logs or {}).items()):
        if isinstance(value, dict):
            result.update(pythonify_logs(value))
        else:
            result[key] = to_python(value)
    return result
