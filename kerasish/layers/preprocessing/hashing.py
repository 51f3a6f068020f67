"""Hashing: strings or integers to `num_bins` hash bins (as keras.layers.Hashing), with the
same bins as Keras: FarmHash Fingerprint64, or SipHash-2-4 keyed by `salt`, of the UTF-8 bytes
(integers are hashed as their decimal strings). Runs eagerly on the host (see host_layer)."""
import numpy as np

from kerasish import ops
from kerasish.backend import floatx
from kerasish.layers.preprocessing.categorical_encoding import (
    check_output_mode, encode_categorical,
)
from kerasish.layers.preprocessing.host_layer import HostLayer, as_int_text, as_text, is_text
from kerasish.layers.preprocessing.string_hashing import hash_to_bins


def standardize_salt(salt, layer_name):
    """Keras's salt forms: None, one int (used twice) or two ints."""
    if salt is None:
        return None
    if isinstance(salt, (tuple, list)) and len(salt) == 2:
        return list(salt)
    if isinstance(salt, int) and not isinstance(salt, bool):
        return [salt, salt]
    raise ValueError(
        f"The `salt` argument for `{layer_name}` can only be a tuple of size 2 integers, or a "
        f"single integer. Received: salt={salt}.")


class Hashing(HostLayer):
    def __init__(self, num_bins, mask_value=None, salt=None, output_mode="int", sparse=False,
                 **kwargs):
        if kwargs.get("dtype") is None:
            kwargs["dtype"] = "int64" if output_mode == "int" else floatx()
        super().__init__(**kwargs)
        if num_bins is None or num_bins <= 0:
            raise ValueError(
                f"The `num_bins` for `Hashing` cannot be `None` or non-positive values. "
                f"Received: num_bins={num_bins}.")
        if output_mode == "int" and self.dtype_policy.name not in ("int32", "int64"):
            raise ValueError(
                f"Hashing: when `output_mode=\"int\"`, `dtype` should be an integer type, "
                f"'int32' or 'int64'. Received: dtype={kwargs['dtype']}")
        check_output_mode("Hashing", output_mode)
        if sparse:
            raise ValueError("Hashing: `sparse=True` is not supported; kerasish has no sparse "
                             "tensors.")
        self.num_bins = num_bins
        self.mask_value = mask_value
        self.strong_hash = salt is not None
        self.output_mode = output_mode
        self.sparse = sparse
        self.salt = standardize_salt(salt, "Hashing")

    def call(self, inputs):
        values = inputs
        if self.output_mode == "one_hot" and values.ndim > 0 and values.shape[-1] == 1:
            values = values.reshape(values.shape[:-1])
        bins = self.hash_values(values)
        return encode_categorical(ops.convert_to_tensor(bins, "int64"), self.output_mode,
                                  self.num_bins, self.dtype)

    def hash_values(self, values):
        """The bin (int64 NumPy array) of each entry of the NumPy array `values`."""
        hash_bins = self.num_bins
        mask = None
        text = as_text(values) if is_text(values) else as_int_text(values)
        if self.mask_value is not None and hash_bins > 1:
            hash_bins -= 1  # bin 0 is the mask's; the others shift up by one
            mask_text = (self.mask_value.decode() if isinstance(self.mask_value, bytes)
                         else str(self.mask_value))
            mask = text == mask_text
        flat = hash_to_bins(text.reshape(-1), hash_bins, self.salt)
        bins = np.array(flat, dtype="int64").reshape(text.shape)
        if mask is not None:
            bins = np.where(mask, 0, bins + 1)
        return bins

    def get_config(self):
        return {**super().get_config(), "num_bins": self.num_bins, "salt": self.salt,
                "mask_value": self.mask_value, "output_mode": self.output_mode,
                "sparse": self.sparse}
