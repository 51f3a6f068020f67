"""A layer's dtype policy: the dtype of its variables and of its computations.

kerasish supports the plain policies (a float dtype name for both). Keras's mixed-precision
policies ("mixed_float16", "mixed_bfloat16") are not implemented yet and say so.
"""
from kerasish.backend import dtypes
from kerasish.backend.config import floatx


class DTypePolicy:
    def __init__(self, name=None):
        name = floatx() if name is None else name
        if isinstance(name, str) and name.startswith("mixed_"):
            raise NotImplementedError(
                f"The dtype policy {name!r} (mixed precision) is not supported by kerasish yet; "
                f"pass a dtype such as 'float32' or 'bfloat16'.")
        self._name = dtypes.standardize_dtype(name)

    @property
    def name(self):
        return self._name

    @property
    def compute_dtype(self):
        return self._name

    @property
    def variable_dtype(self):
        return self._name

    @property
    def quantization_mode(self):
        return None

    def get_config(self):
        return {"name": self._name}

    def __repr__(self):
        return f'<DTypePolicy "{self._name}">'


def get(dtype):
    """A DTypePolicy from None (floatx), a dtype name, a policy, or its serialized dict."""
    if isinstance(dtype, DTypePolicy):
        return dtype
    if isinstance(dtype, dict):
        if dtype.get("class_name") not in ("DTypePolicy", "FloatDTypePolicy"):
            raise ValueError(
                f"Unknown dtype policy {dtype.get('class_name')!r} in {dtype!r}; expected a "
                f"DTypePolicy.")
        return DTypePolicy(dtype.get("config", {}).get("name"))
    if dtype is not None and not isinstance(dtype, str):
        dtype = dtypes.standardize_dtype(dtype)
    return DTypePolicy(dtype)


def serialize(policy):
    """As Keras 3 writes a layer's "dtype" in its config."""
    return {"module": "keras", "class_name": "DTypePolicy", "config": {"name": policy.name},
            "registered_name": None}
