"""STFT: kernels of a convolution that computes a short-time Fourier transform (as
keras.initializers.STFT). The windows Keras takes from scipy.signal are computed here with NumPy,
so kerasish needs no scipy: hann, hamming, blackman, bartlett, boxcar, or an explicit array."""
import numpy as np

from kerasish import ops
from kerasish.backend import standardize_dtype
from kerasish.initializers.initializer import Initializer, standardize_shape


def _cosine_window(coefficients):
    def window(m):
        n = np.arange(m)
        return sum((-1) ** k * a * np.cos(2 * np.pi * k * n / (m - 1)) for k, a in enumerate(coefficients))
    return window


def _bartlett(m):
    n = np.arange(m)
    return 1 - np.abs(2 * n / (m - 1) - 1)


WINDOWS = {
    "hann": _cosine_window([0.5, 0.5]),
    "hamming": _cosine_window([0.54, 0.46]),
    "blackman": _cosine_window([0.42, 0.50, 0.08]),
    "bartlett": _bartlett,
    "boxcar": np.ones,
}


def get_window(name, length, periodic=False):
    """scipy.signal.get_window(name, length, fftbins=periodic) for the windows in WINDOWS."""
    if name not in WINDOWS:
        raise ValueError(
            f"STFT: unknown window {name!r}; kerasish computes {sorted(WINDOWS)} (or pass the "
            f"window's values as an array).")
    if length == 1:
        return np.ones(1)
    # A periodic window is the symmetric one of length + 1 without its last point.
    return WINDOWS[name](length + 1)[:-1] if periodic else WINDOWS[name](length)


class STFT(Initializer):
    """The real (`side="real"`) or imaginary part of the DFT basis times a window, shaped
    (frame_length, 1, fft_length // 2 + 1), for a Conv1D that computes an STFT."""

    def __init__(self, side="real", window="hann", scaling="density", periodic=False):
        if side not in ("real", "imag"):
            raise ValueError(f"side should be 'real' or 'imag', not {side}")
        if isinstance(window, str):
            get_window(window, 1)
        if scaling is not None and scaling not in ("density", "spectrum"):
            raise ValueError(
                f"Scaling is invalid, it must be `None`, 'density' or 'spectrum'. Received "
                f"scaling={scaling}")
        self.side, self.window, self.scaling, self.periodic = side, window, scaling, periodic

    def __call__(self, shape, dtype=None):
        dtype = standardize_dtype(dtype)
        frame_length, _, fft_bins = standardize_shape("STFT", shape)
        time = np.arange(frame_length, dtype="float64").reshape(frame_length, 1, 1)
        freq = np.arange(fft_bins, dtype="float64").reshape(1, 1, fft_bins) / ((fft_bins - 1) * 2)
        angles = -2 * time * freq * np.pi
        kernel = np.cos(angles) if self.side == "real" else np.sin(angles)
        if self.window is not None:
            window = self.window
            if isinstance(window, str):
                window = get_window(window, frame_length, self.periodic)
            window = np.asarray(window, dtype="float64")
            if window.shape != (frame_length,):
                raise ValueError(
                    f"The shape of `window` must be equal to [frame_length]. Received: window "
                    f"shape={window.shape}")
            window = window.reshape(frame_length, 1, 1)
            scale = {"density": np.sqrt(np.sum(window ** 2)), "spectrum": np.sum(np.abs(window)),
                     None: 1.0}[self.scaling]
            kernel = kernel * window / scale
        return ops.convert_to_tensor(kernel, dtype=dtype)

    def get_config(self):
        return {"side": self.side, "window": self.window, "periodic": self.periodic,
                "scaling": self.scaling}
