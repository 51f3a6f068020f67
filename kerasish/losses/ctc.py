"""Connectionist temporal classification (CTC) loss, with class 0 as the blank (Keras's choice).

The forward (alpha) recursion runs in log space over time with `ops.scan`, so it is
differentiable on every backend; it follows the formulation of optax.ctc_loss, which Keras 3's
JAX backend also uses: per label position, a "phi" state (on a blank before the label) and an
"emit" state (on the label itself).
"""
from kerasish import ops
from kerasish.losses.loss import FunctionLoss

_LOG_EPSILON = -1e5  # log(0) stand-in that keeps every sum finite


def _logaddexp(a, b):
    return ops.logsumexp(ops.stack([a, b]), axis=0)


def ctc_loss(target, output, target_length, output_length, mask_index=0):
    """Per-sequence negative log-likelihood of the label sequences `target` (batch, max_labels)
    under the per-frame logits `output` (batch, frames, classes)."""
    target = ops.cast(target, "int32")
    output = ops.convert_to_tensor(output)
    batch, frames, classes = output.shape
    max_labels = target.shape[1]
    dtype = ops.dtype(output)

    def paddings(lengths, max_length):  # 1.0 past each sequence's length
        steps = ops.expand_dims(ops.arange(max_length, dtype="int32"), 0)
        return ops.cast(ops.greater_equal(steps, ops.expand_dims(lengths, -1)), dtype)

    target_pad = paddings(ops.cast(target_length, "int32"), max_labels)
    output_pad = paddings(ops.cast(output_length, "int32"), frames)
    label_lengths = ops.cast(max_labels - ops.sum(target_pad, axis=1), "int32")

    logprobs = ops.log_softmax(output, axis=-1)
    # repeat[b, n] = 1 where label n equals label n + 1: a blank must separate them.
    repeat = ops.cast(ops.equal(target[:, :-1], target[:, 1:]), dtype)
    repeat = ops.pad(repeat, ((0, 0), (0, 1)))
    logprobs_phi = ops.transpose(logprobs[:, :, mask_index:mask_index + 1], (1, 0, 2))  # [T, B, 1]
    one_hot = ops.one_hot(target, classes, dtype=dtype)  # [B, N, K]
    logprobs_emit = ops.transpose(ops.einsum("btk,bnk->btn", logprobs, one_hot), (1, 0, 2))

    def add_to_phi(phi, score):  # phi[:, 1:] += score, in log space
        return ops.concatenate([phi[:, :1], _logaddexp(phi[:, 1:], score)], axis=-1)

    def step(carry, x):
        prev_phi, prev_emit = carry
        logprob_emit, logprob_phi, pad = x
        # emit -> phi of the next label, unless that label repeats this one.
        phi = add_to_phi(prev_phi, prev_emit + _LOG_EPSILON * repeat)
        next_emit = _logaddexp(phi[:, :-1] + logprob_emit, prev_emit + logprob_emit)
        next_phi = add_to_phi(phi + logprob_phi,
                              prev_emit + logprob_phi + _LOG_EPSILON * (1.0 - repeat))
        pad = ops.reshape(pad, (batch, 1))  # frames past output_length leave the state as it was
        next_emit = pad * prev_emit + (1.0 - pad) * next_emit
        next_phi = pad * prev_phi + (1.0 - pad) * next_phi
        return (next_phi, next_emit), None

    init_phi = ops.concatenate(
        [ops.zeros((batch, 1), dtype), ops.full((batch, max_labels), _LOG_EPSILON, dtype)], axis=1)
    init_emit = ops.full((batch, max_labels), _LOG_EPSILON, dtype)
    xs = (logprobs_emit, logprobs_phi, ops.transpose(output_pad, (1, 0)))
    (last_phi, last_emit), _ = ops.scan(step, (init_phi, init_emit), xs)
    last_phi = add_to_phi(last_phi, last_emit)  # the final emit -> blank transition
    end = ops.one_hot(label_lengths, max_labels + 1, dtype=dtype)
    return -ops.sum(last_phi * end, axis=1)


def ctc(y_true, y_pred):
    """CTC loss of integer label sequences `y_true` (batch, max_length; 0 pads and is the blank)
    given logits `y_pred` (batch, frames, classes); every frame counts."""
    if len(ops.shape(y_true)) != 2:
        raise ValueError(
            "Targets `y_true` are expected to be a tensor of shape `(batch_size, max_length)` in "
            f"integer format. Received: y_true.shape={ops.shape(y_true)}")
    if len(ops.shape(y_pred)) != 3:
        raise ValueError(
            "Logits `y_pred` are expected to be a tensor of shape `(batch_size, max_length, "
            f"num_classes)`. Received: y_pred.shape={ops.shape(y_pred)}")
    batch, frames = ops.shape(y_pred)[:2]
    label_length = ops.sum(ops.cast(ops.not_equal(y_true, 0), "int32"), axis=-1)
    input_length = ops.full((batch,), frames, "int32")
    return ctc_loss(y_true, y_pred, label_length, input_length, mask_index=0)


class CTC(FunctionLoss):
    """CTC loss between label sequences and per-frame logits."""

    def __init__(self, reduction="sum_over_batch_size", name="ctc", dtype=None):
        super().__init__(ctc, reduction, name, dtype)
