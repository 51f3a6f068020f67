"""TensorBoard: writes TensorBoard event files (as keras.callbacks.TensorBoard).

Writes, under `log_dir/train` and `log_dir/validation`: `epoch_<name>` scalars each epoch (the
train logs, with the learning rate, and the `val_` logs without their prefix), `batch_<name>`
scalars every `update_freq` batches, `evaluation_<name>_vs_iterations` after each evaluation,
`<weight path>/histogram` weight histograms every `histogram_freq` epochs, and the model's JSON
config (tag "keras") when the model has `to_json`. Event files are written with the `tensorboard`
package alone (no TensorFlow): it is the optional extra `pip install kerasish[tensorboard]`.
"""
import os
import time
import warnings

import numpy as np

from kerasish.callbacks.callback import Callback
from kerasish.callbacks.logs import pythonify_logs
from kerasish.callbacks.reduce_lr_on_plateau import log_learning_rates


def _tensorboard_modules():
    try:
        from tensorboard.compat.proto import event_pb2, summary_pb2, tensor_pb2, types_pb2
        from tensorboard.summary.writer.event_file_writer import EventFileWriter
    except ImportError as e:
        raise ImportError(
            "The TensorBoard callback writes event files with the `tensorboard` package, which "
            "could not be imported. Install it with `pip install tensorboard` (or "
            "`pip install 'kerasish[tensorboard]'`).") from e
    return event_pb2, summary_pb2, tensor_pb2, types_pb2, EventFileWriter


class _EventWriter:
    """Summaries in TensorBoard's classic format (`simple_value` scalars, `HistogramProto`s),
    which TensorBoard and its EventAccumulator read."""

    def __init__(self, logdir):
        (self._event_pb2, self._summary_pb2, self._tensor_pb2, self._types_pb2,
         EventFileWriter) = _tensorboard_modules()
        self._writer = EventFileWriter(logdir)

    def _write(self, step, value):
        summary = self._summary_pb2.Summary(value=[value])
        self._writer.add_event(
            self._event_pb2.Event(wall_time=time.time(), step=int(step), summary=summary))

    def scalar(self, tag, value, step):
        self._write(step, self._summary_pb2.Summary.Value(tag=tag, simple_value=float(value)))

    def histogram(self, tag, values, step, bins=30):
        values = np.asarray(values, dtype=np.float64).ravel()
        values = values[np.isfinite(values)]
        if values.size == 0:
            return
        counts, edges = np.histogram(values, bins=bins)
        histo = self._summary_pb2.HistogramProto(
            min=float(values.min()), max=float(values.max()), num=float(values.size),
            sum=float(values.sum()), sum_squares=float(np.dot(values, values)),
            bucket_limit=edges[1:].tolist(), bucket=counts.astype(float).tolist())
        self._write(step, self._summary_pb2.Summary.Value(tag=tag, histo=histo))

    def text_json(self, tag, text, plugin_name, step=0):
        """A string tensor for a plugin (the Keras model config for the graph dashboard)."""
        metadata = self._summary_pb2.SummaryMetadata(
            plugin_data=self._summary_pb2.SummaryMetadata.PluginData(
                plugin_name=plugin_name, content=b"1"))
        tensor = self._tensor_pb2.TensorProto(dtype=self._types_pb2.DT_STRING,
                                              string_val=[text.encode("utf-8")])
        self._write(step, self._summary_pb2.Summary.Value(tag=tag, tensor=tensor,
                                                          metadata=metadata))

    def flush(self):
        self._writer.flush()

    def close(self):
        self._writer.close()


class TensorBoard(Callback):
    """Logs metrics and weight histograms for TensorBoard (`tensorboard --logdir=log_dir`).

    Args (as Keras):
        log_dir: where to write; used by this callback alone.
        histogram_freq: every how many epochs to write weight histograms (0: never).
        write_graph: write the model's config (when the model has `to_json`).
        write_images, profile_batch, embeddings_freq, embeddings_metadata: accepted for Keras
            compatibility; not supported (a warning says so).
        write_steps_per_second: also log training steps per second.
        update_freq: "epoch", "batch" or an integer N: write `batch_<name>` scalars every N
            batches (counted over the whole fit, from 1).
    """

    raw_batch_logs = True  # batch logs are read from the device only when written

    def __init__(self, log_dir="logs", histogram_freq=0, write_graph=True, write_images=False,
                 write_steps_per_second=False, update_freq="epoch", profile_batch=0,
                 embeddings_freq=0, embeddings_metadata=None):
        super().__init__()
        _tensorboard_modules()  # fail now, with how to install, rather than after an epoch
        if update_freq == "batch":
            update_freq = 1
        if update_freq != "epoch" and (not isinstance(update_freq, int) or update_freq < 1):
            raise ValueError(f"TensorBoard: `update_freq` must be 'epoch', 'batch' or a positive "
                             f"integer; received update_freq={update_freq!r}.")
        for name, value in (("write_images", write_images), ("profile_batch", profile_batch),
                            ("embeddings_freq", embeddings_freq)):
            if value:
                warnings.warn(f"TensorBoard: `{name}` is not supported by kerasish and is "
                              f"ignored (received {name}={value!r}).", stacklevel=2)
        self.log_dir = os.fspath(log_dir)
        self.histogram_freq = histogram_freq
        self.write_graph = write_graph
        self.write_images = write_images
        self.write_steps_per_second = write_steps_per_second
        self.update_freq = update_freq
        self.embeddings_freq = embeddings_freq
        self.embeddings_metadata = embeddings_metadata
        self._train_dir = os.path.join(self.log_dir, "train")
        self._val_dir = os.path.join(self.log_dir, "validation")
        self._writers = {}
        self._global_train_batch = 0
        self._epoch_batches = 0
        self._epoch_start = None
        self._batch_start = None

    def _writer(self, which):
        if which not in self._writers:
            path = self._train_dir if which == "train" else self._val_dir
            self._writers[which] = _EventWriter(path)
        return self._writers[which]

    def _close_writers(self):
        for writer in self._writers.values():
            writer.close()
        self._writers = {}

    # -- which hooks do work ---------------------------------------------------------------
    def _batch_work(self):
        return self.update_freq != "epoch" or self.write_steps_per_second

    def _implements(self, hook):
        if hook in ("on_train_batch_begin", "on_train_batch_end") and not self._batch_work():
            return False
        return super()._implements(hook)

    def _reads_logs(self, hook):
        if hook == "on_train_batch_end":
            return self.update_freq != "epoch"
        return super()._reads_logs(hook)

    # -- training --------------------------------------------------------------------------
    def on_train_begin(self, logs=None):
        self._global_train_batch = 0
        if self.write_graph and hasattr(self.model, "to_json"):
            try:
                config = self.model.to_json()
            except Exception as e:  # a model that cannot be serialized still trains
                warnings.warn(f"TensorBoard: model failed to serialize as JSON; the graph is not "
                              f"written. {e}")
            else:
                self._writer("train").text_json("keras", config, "graph_keras_model")

    def on_train_end(self, logs=None):
        self._close_writers()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch_batches = 0
        self._epoch_start = time.time()

    def on_train_batch_begin(self, batch, logs=None):
        self._global_train_batch += 1
        if self.write_steps_per_second:
            self._batch_start = time.time()

    def on_train_batch_end(self, batch, logs=None):
        self._epoch_batches += 1
        step = self._global_train_batch
        if self.write_steps_per_second and self._batch_start is not None:
            elapsed = max(time.time() - self._batch_start, 1e-9)
            self._writer("train").scalar("batch_steps_per_second", 1.0 / elapsed, step)
        if self.update_freq != "epoch" and step % self.update_freq == 0:
            writer = self._writer("train")
            for name, value in pythonify_logs(logs).items():
                if isinstance(value, float):
                    writer.scalar(f"batch_{name}", value, step)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        train_logs = {k: v for k, v in logs.items() if not k.startswith("val_")}
        val_logs = {k[4:]: v for k, v in logs.items() if k.startswith("val_")}
        if getattr(self.model, "optimizer", None) is not None and "learning_rate" not in train_logs:
            try:
                log_learning_rates(self.model, train_logs)
            except (ValueError, TypeError, AttributeError):
                pass  # an optimizer without a readable learning rate
        if self.write_steps_per_second and self._epoch_start is not None:
            elapsed = max(time.time() - self._epoch_start, 1e-9)
            train_logs["steps_per_second"] = self._epoch_batches / elapsed
        for which, values in (("train", train_logs), ("val", val_logs)):
            if values:
                writer = self._writer(which)
                for name, value in values.items():
                    if isinstance(value, float):
                        writer.scalar(f"epoch_{name}", value, epoch)
                writer.flush()
        if self.histogram_freq and epoch % self.histogram_freq == 0:
            self._log_weights(epoch)

    def _log_weights(self, epoch):
        writer = self._writer("train")
        for layer in getattr(self.model, "layers", []):
            for weight in layer.weights:
                name = getattr(weight, "path", weight.name).replace(":", "_")
                writer.histogram(f"{name}/histogram", np.asarray(weight), epoch)
        writer.flush()

    # -- evaluation ------------------------------------------------------------------------
    def on_test_end(self, logs=None):
        optimizer = getattr(self.model, "optimizer", None)
        iterations = getattr(optimizer, "iterations", None)
        if iterations is None or not logs:
            return
        step = int(np.asarray(iterations))
        writer = self._writer("val")
        for name, value in logs.items():
            if isinstance(value, float):
                writer.scalar(f"evaluation_{name}_vs_iterations", value, step)
        writer.flush()
