"""The approximate quantile summary Discretization.adapt builds (the same algorithm as Keras's, so
adapted bin boundaries equal Keras's): a summary is a 2-row array, sorted values and their
weights, compressed to about 1/epsilon entries by interpolating the cumulative weights."""
import numpy as np


def empty_summary():
    return np.array([[], []], dtype="float32")


def summarize(values, epsilon):
    """A summary of one batch: every `step`-th sorted value, each weighing `step`."""
    values = np.sort(np.reshape(values, [-1]))
    step = max(values.size * epsilon, 1)
    boundaries = values[int(step - 1)::int(step)]
    return np.stack([boundaries, np.ones_like(boundaries) * step])


def merge_summaries(a, b, epsilon):
    merged = np.concatenate((a, b), axis=1)
    merged = np.take(merged, np.argsort(merged[0]), axis=1)
    return compress_summary(merged, epsilon)


def compress_summary(summary, epsilon):
    if summary.shape[1] * epsilon < 1:
        return summary
    percents = epsilon + np.arange(0.0, 1.0, epsilon)
    cum_weights = summary[1].cumsum()
    cum_percents = cum_weights / cum_weights[-1]
    new_bins = np.interp(percents, cum_percents, summary[0])
    cum_weights = np.interp(percents, cum_percents, cum_weights)
    new_weights = cum_weights - np.concatenate((np.array([0]), cum_weights[:-1]))
    return np.stack((new_bins, new_weights)).astype("float32")


def bin_boundaries(summary, num_bins):
    """`num_bins - 1` boundaries splitting the summarized data into equal-weight bins."""
    return compress_summary(summary, 1.0 / num_bins)[0, :-1]
