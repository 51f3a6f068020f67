"""The trainer: compile, fit, evaluate and predict, written once for every backend.

A step is `train_step(data)`, written with the stateful API (call the model, compute the loss,
`optimizer.apply`, update metrics). The trainer runs it inside a StatelessScope that maps every
variable it touches (model, optimizer, metrics) to values passed in, and returns the values the
scope holds afterwards, so the step is a pure function `(state, batches) -> (logs, state)`:
`ops.jit` compiles it with the state donated (one XLA computation on JAX), and the NumPy backend
runs the same code eagerly on its tape. During an epoch the state lives in the trainer; the
variables get it back at the end of each epoch, or whenever a callback reads the model.
A custom `train_step` written the same way runs unchanged on every backend.
"""
import numpy as np

from kerasish import ops, tree
from kerasish.backend.keras_tensor import KerasTensor, compute_output_spec
from kerasish.backend.stateless_scope import StatelessScope
from kerasish.metrics import Mean
from kerasish.trainers.compile_utils import CompileLoss, CompileMetrics, output_names_of
from kerasish.trainers.data_adapters.data_adapter_utils import (
    train_validation_split, unpack_x_y_sample_weight,
)
from kerasish.trainers.epoch_iterator import EpochIterator


class Trainer:
    compiled = False
    stop_training = False
    _initial_epoch = None  # set by BackupAndRestore in on_train_begin to resume a fit

    # -- compile ----------------------------------------------------------------------------
    def compile(self, optimizer="rmsprop", loss=None, loss_weights=None, metrics=None,
                weighted_metrics=None, run_eagerly=False, steps_per_execution=1,
                jit_compile="auto", auto_scale_loss=True):
        from kerasish import optimizers
        self.optimizer = optimizers.get(optimizer)
        self.loss = loss
        self._compile_loss = CompileLoss(loss, loss_weights) if loss is not None else None
        self._compile_metrics = CompileMetrics(metrics, weighted_metrics)
        self._loss_tracker = Mean(name="loss")
        if isinstance(steps_per_execution, bool) or not isinstance(steps_per_execution, int) \
                or steps_per_execution < 1:
            raise ValueError(
                f"compile: `steps_per_execution` must be a positive int; received "
                f"{steps_per_execution!r}.")
        self.steps_per_execution = steps_per_execution
        self.run_eagerly = bool(run_eagerly)
        self.jit_compile = jit_compile is not False and not run_eagerly
        self._compile_config = {"optimizer": optimizer, "loss": loss, "loss_weights": loss_weights,
                                "metrics": metrics, "weighted_metrics": weighted_metrics,
                                "run_eagerly": run_eagerly,
                                "steps_per_execution": steps_per_execution,
                                "jit_compile": jit_compile}
        self._functions = {}
        self.stop_training = False
        self.compiled = True

    def _assert_compiled(self, what):
        if not self.compiled:
            raise ValueError(
                f"You must call `compile()` before using the model ({what}).")

    @property
    def metrics(self):
        """The loss tracker, then the compiled metrics (after the first batch)."""
        if not self.compiled:
            return []
        result = [self._loss_tracker]
        if self._compile_loss is not None and self._compile_loss.built:
            result += self._compile_loss.metrics
        result += self._compile_metrics.metrics
        return result

    @property
    def metrics_names(self):
        return [m.name for m in self.metrics]

    def reset_metrics(self):
        for metric in self.metrics:
            metric.reset_state()

    # -- the steps (stateful style; run statelessly by the trainer) --------------------------
    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The compiled loss plus the model's own losses (add_loss, regularizers)."""
        total = None
        if self._compile_loss is not None and y is not None:
            total = self._compile_loss(y, y_pred, sample_weight)
        for extra in self.losses:
            total = extra if total is None else total + extra
        if total is None:
            return ops.convert_to_tensor(0.0)
        return total

    def compute_metrics(self, x, y, y_pred, sample_weight=None):
        self._compile_metrics.update_state(y, y_pred, sample_weight)
        return self.get_metrics_result()

    def get_metrics_result(self):
        logs = {}
        for metric in self.metrics:
            result = metric.result()
            if isinstance(result, dict):
                logs.update(result)
            else:
                logs[metric.name] = result
        return logs

    def train_step(self, data):
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        trainable = self.trainable_variables
        non_trainable = self.non_trainable_variables

        def loss_and_updates(trainable_values):
            mapping = list(zip(trainable, trainable_values)) + [(v, v.value) for v in non_trainable]
            with StatelessScope(mapping, collect_losses=True) as scope:
                y_pred = self(x, training=True)
                loss = self.compute_loss(x, y, y_pred, sample_weight, training=True)
            updates = [scope.get_current_value(v) for v in non_trainable]
            return loss, (y_pred, updates)

        values = [v.value for v in trainable]
        (loss, (y_pred, updates)), grads = ops.value_and_grad(loss_and_updates, has_aux=True)(values)
        for variable, value in zip(non_trainable, updates):
            variable.assign(value)
        if trainable:
            self.optimizer.apply(grads, trainable)
        self._track_losses(loss, x, y, y_pred, sample_weight)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def _track_losses(self, loss, x, y, y_pred, sample_weight):
        """The epoch's mean loss (weighted by batch size, as Keras) and, with several outputs,
        each output's loss."""
        self._loss_tracker.update_state(loss, sample_weight=_batch_size(x))
        if self._compile_loss is not None and self._compile_loss.trackers and y is not None:
            self._compile_loss.track(y, y_pred, sample_weight)

    def test_step(self, data):
        x, y, sample_weight = unpack_x_y_sample_weight(data)
        with StatelessScope([], collect_losses=True):
            y_pred = self(x, training=False)
            loss = self.compute_loss(x, y, y_pred, sample_weight, training=False)
        self._track_losses(loss, x, y, y_pred, sample_weight)
        return self.compute_metrics(x, y, y_pred, sample_weight)

    def predict_step(self, data):
        x, _, _ = unpack_x_y_sample_weight(data)
        return self(x, training=False)

    # -- running steps as pure functions ----------------------------------------------------
    def _state_variables(self, mode):
        variables = list(self.trainable_variables) + list(self.non_trainable_variables)
        if mode == "train":
            variables += list(self.optimizer.variables)
        if mode != "predict":
            for metric in self.metrics:
                variables += list(metric.variables)
        seen, unique = set(), []
        for v in variables:
            if id(v) not in seen:
                seen.add(id(v))
                unique.append(v)
        return unique

    def _make_function(self, mode):
        """A pure `(state, batches) -> (outputs, state)` running the step once per batch."""
        if mode in self._functions:
            return self._functions[mode]
        variables = self._state_variables(mode)
        step = {"train": self.train_step, "test": self.test_step, "predict": self.predict_step}[mode]

        def run(state, batches):
            with StatelessScope(list(zip(variables, state))) as scope:
                outputs = [step(batch) for batch in batches]
            new_state = [scope.get_current_value(v) for v in variables]
            return (outputs if mode == "predict" else outputs[-1]), new_state

        if self.jit_compile:
            # Training replaces every state value, so its buffers are donated (updated in
            # place); evaluation and prediction read the model's, so nothing is donated there.
            run = ops.jit(run, donate_argnums=(0,) if mode == "train" else None)
        self._functions[mode] = (run, variables)
        return self._functions[mode]

    def _run_epoch_state(self, mode):
        """The state values the function for `mode` starts from, read from the variables."""
        _, variables = self._make_function(mode)
        return [v.value for v in variables]

    def _write_back(self, mode, state):
        _, variables = self._make_function(mode)
        for variable, value in zip(variables, state):
            variable.assign(value)

    def _sync_training_state(self):
        """Writes the state held during fit back into the variables (callbacks call this)."""
        running = getattr(self, "_running", None)
        if running is not None and not running["synced"]:
            self._write_back(running["mode"], running["state"])
            running["state"] = self._run_epoch_state(running["mode"])
            running["synced"] = True

    def _check_targets(self, batches):
        if self.compiled and self._compile_loss is not None and self._compile_loss.built:
            for batch in batches:
                _, y, _ = unpack_x_y_sample_weight(batch)
                if y is not None:
                    self._compile_loss.check_targets(y)

    # -- building on the first batch --------------------------------------------------------
    def _build_for(self, batch):
        """Builds the model, the compiled loss and metrics, and the optimizer from one batch."""
        x, y, _ = unpack_x_y_sample_weight(batch)
        x_spec = tree.map_structure(lambda a: KerasTensor(np.shape(a), _dtype_of(a)), x)
        y_pred = compute_output_spec(lambda inputs: self(inputs, training=False), x_spec)
        names = output_names_of(self, y_pred)
        if self.compiled:
            if self._compile_loss is not None and not self._compile_loss.built and y is not None:
                self._compile_loss.build(y, y_pred, names)
            if not self._compile_metrics.built and y is not None:
                self._compile_metrics.build(y, y_pred, names)
                # Metrics that size their state from the data (F1Score, R2Score...) create it
                # now, outside any trace, by one update whose effect the scope discards.
                zeros = tree.map_structure(lambda t: np.zeros([d or 1 for d in t.shape], t.dtype), y_pred)
                with StatelessScope():
                    self._compile_metrics.update_state(y, zeros)
            if not self.optimizer.built:
                self.optimizer.build(self.trainable_variables)
        return names

    # -- fit / evaluate / predict -----------------------------------------------------------
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose="auto", callbacks=None,
            validation_split=0.0, validation_data=None, shuffle=True, class_weight=None,
            sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_batch_size=None, validation_freq=1):
        from kerasish.callbacks import CallbackList
        self._assert_compiled("fit")
        if validation_split and validation_data is None:
            (x, y, sample_weight), validation_data = train_validation_split(
                (x, y, sample_weight), validation_split=validation_split)
        if validation_data is not None:
            val_x, val_y, val_sw = unpack_x_y_sample_weight(validation_data)
        iterator = EpochIterator(x, y, sample_weight, batch_size=batch_size,
                                 steps_per_epoch=steps_per_epoch, shuffle=shuffle,
                                 class_weight=class_weight,
                                 steps_per_execution=self.steps_per_execution)
        self._build_for(iterator.peek())
        verbose = _resolve_verbose(verbose)
        callbacks = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0,
                                 model=self, verbose=verbose, epochs=epochs,
                                 steps=iterator.num_batches)
        function, _ = self._make_function("train")
        self.stop_training = False
        self._initial_epoch = None
        callbacks.on_train_begin()
        initial_epoch = self._initial_epoch if self._initial_epoch is not None else initial_epoch
        self._initial_epoch = None
        epoch_logs, val_iterator = {}, None
        try:
            for epoch in range(initial_epoch, epochs):
                logs = self._train_epoch(epoch, function, iterator, callbacks)
                if logs is None and not iterator.ran_out_of_data:
                    raise ValueError(
                        "fit: the data gave no batches for an epoch (an empty dataset or "
                        "generator). Expected at least one batch.")
                epoch_logs = {k: _to_float(v) for k, v in self.get_metrics_result().items()}
                if validation_data is not None and _should_validate(epoch, validation_freq):
                    if val_iterator is None:
                        val_iterator = EpochIterator(val_x, val_y, val_sw,
                                                     batch_size=validation_batch_size or batch_size,
                                                     steps_per_epoch=validation_steps, shuffle=False,
                                                     steps_per_execution=self.steps_per_execution)
                    val_logs = self._evaluate_with(val_iterator, callbacks)
                    epoch_logs.update({f"val_{k}": v for k, v in val_logs.items()})
                callbacks.on_epoch_end(epoch, epoch_logs)
                if self.stop_training:
                    break
                if iterator.ran_out_of_data and epoch + 1 < epochs:
                    iterator.warn_ran_out_of_data()
                    break
        finally:
            # Whatever stops the loop (an exception, Ctrl-C), the variables get the latest
            # state: on JAX the epoch-start buffers were donated and are gone.
            self._sync_training_state()
            self._running = None
        if epochs > initial_epoch:
            self.optimizer.finalize_variable_values(self.trainable_variables)
        callbacks.on_train_end(epoch_logs)
        return self.history

    def _train_epoch(self, epoch, function, iterator, callbacks):
        """Runs one epoch of train steps, the state held here between steps; returns the
        last step's logs (None when the data gave no batch)."""
        self.reset_metrics()
        callbacks.on_epoch_begin(epoch)  # before the state is read: a callback may set weights
        running = self._running = {"mode": "train", "state": self._run_epoch_state("train"),
                                   "synced": True}
        logs = None
        for step, batches in iterator.enumerate_epoch():
            callbacks.on_train_batch_begin(step)
            self._check_targets(batches)
            logs, running["state"] = function(running["state"], batches)
            running["synced"] = False
            callbacks.on_train_batch_end(step + len(batches) - 1, logs)
            if self.stop_training:
                break
        self._sync_training_state()
        self._running = None
        return logs

    def _evaluate_with(self, iterator, callbacks):
        self._build_for(iterator.peek())
        function, _ = self._make_function("test")
        for metric in self.metrics:
            metric.reset_state()
        state = self._run_epoch_state("test")
        callbacks.on_test_begin()
        logs = None
        for step, batches in iterator.enumerate_epoch():
            callbacks.on_test_batch_begin(step)
            self._check_targets(batches)
            logs, state = function(state, batches)
            callbacks.on_test_batch_end(step + len(batches) - 1, logs)
        self._write_back("test", state)
        if logs is None:
            raise ValueError("evaluate: the data gave no batches. Expected at least one batch.")
        logs = {k: _to_float(v) for k, v in self.get_metrics_result().items()}
        callbacks.on_test_end(logs)
        return logs

    def evaluate(self, x=None, y=None, batch_size=None, verbose="auto", sample_weight=None,
                 steps=None, callbacks=None, return_dict=False):
        from kerasish.callbacks import CallbackList
        self._assert_compiled("evaluate")
        iterator = EpochIterator(x, y, sample_weight, batch_size=batch_size,
                                 steps_per_epoch=steps, shuffle=False,
                                 steps_per_execution=self.steps_per_execution)
        verbose = _resolve_verbose(verbose)
        callback_list = CallbackList(callbacks, add_progbar=verbose != 0, model=self,
                                     verbose=verbose, epochs=1, steps=iterator.num_batches)
        logs = self._evaluate_with(iterator, callback_list)
        if return_dict:
            return logs
        values = [logs[name] for name in self._ordered_metric_names(logs)]
        return values[0] if len(values) == 1 else values

    def _ordered_metric_names(self, logs):
        names = [m.name for m in self.metrics if m.name in logs]
        return names + [k for k in logs if k not in names]

    def predict(self, x, batch_size=None, verbose="auto", steps=None, callbacks=None):
        from kerasish.callbacks import CallbackList
        iterator = EpochIterator(x, batch_size=batch_size, steps_per_epoch=steps, shuffle=False,
                                 steps_per_execution=getattr(self, "steps_per_execution", 1))
        if not self.built:
            self._build_for(iterator.peek())
        if not hasattr(self, "_functions"):
            self._functions = {}
            self.jit_compile = True
        function, _ = self._make_function("predict")
        verbose = _resolve_verbose(verbose)
        callback_list = CallbackList(callbacks, add_progbar=verbose != 0, model=self,
                                     verbose=verbose, epochs=1, steps=iterator.num_batches)
        state = self._run_epoch_state("predict")
        callback_list.on_predict_begin()
        collected = []
        for step, batches in iterator.enumerate_epoch():
            callback_list.on_predict_batch_begin(step)
            outputs, state = function(state, batches)
            for output in outputs:
                collected.append(tree.map_structure(lambda t: np.asarray(ops.convert_to_numpy(t)), output))
            callback_list.on_predict_batch_end(step + len(batches) - 1, {"outputs": outputs[-1]})
        self._write_back("predict", state)
        callback_list.on_predict_end()
        if not collected:
            raise ValueError("predict: the data gave no batches. Expected at least one batch.")
        return tree.map_structure(lambda *parts: np.concatenate(parts, axis=0), *collected)

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, return_dict=False):
        self._assert_compiled("train_on_batch")
        batch = _one_batch(x, y, sample_weight, class_weight)
        self._build_for(batch)
        self._check_targets([batch])
        self.reset_metrics()  # each call reports its own batch, as Keras
        function, _ = self._make_function("train")
        logs, state = function(self._run_epoch_state("train"), [batch])
        self._write_back("train", state)
        return self._format_batch_logs(logs, return_dict)

    def test_on_batch(self, x, y=None, sample_weight=None, return_dict=False):
        self._assert_compiled("test_on_batch")
        batch = _one_batch(x, y, sample_weight, None)
        self._build_for(batch)
        self._check_targets([batch])
        self.reset_metrics()
        function, _ = self._make_function("test")
        logs, state = function(self._run_epoch_state("test"), [batch])
        self._write_back("test", state)
        return self._format_batch_logs(logs, return_dict)

    def predict_on_batch(self, x):
        outputs = self.predict(x, batch_size=_batch_size(x), verbose=0)
        return outputs

    def _format_batch_logs(self, logs, return_dict):
        logs = {k: _to_float(v) for k, v in logs.items()}
        if return_dict:
            return logs
        values = [logs[name] for name in self._ordered_metric_names(logs)]
        return values[0] if len(values) == 1 else values

    def get_compile_config(self):
        return dict(self._compile_config) if self.compiled else None

    def compile_from_config(self, config):
        """Compiles with a config from get_compile_config (an optimizer given by its config
        gets a fresh optimizer)."""
        from kerasish import optimizers
        config = dict(config)
        optimizer = config.get("optimizer", "rmsprop")
        if isinstance(optimizer, optimizers.Optimizer):
            config["optimizer"] = optimizers.deserialize(optimizers.serialize(optimizer))
        self.compile(**config)


def _one_batch(x, y, sample_weight, class_weight):
    iterator = EpochIterator(x, y, sample_weight, batch_size=_batch_size(x), shuffle=False,
                             class_weight=class_weight)
    return iterator.peek()


def _batch_size(x):
    first = tree.flatten(x)[0]
    return int(np.shape(first)[0]) if not hasattr(first, "shape") else int(first.shape[0])


def _dtype_of(a):
    from kerasish.backend import standardize_dtype
    return standardize_dtype(a.dtype) if hasattr(a, "dtype") else standardize_dtype(np.asarray(a).dtype)


def _to_float(value):
    if isinstance(value, dict):
        return {k: _to_float(v) for k, v in value.items()}
    return float(np.asarray(ops.convert_to_numpy(value)))


def _resolve_verbose(verbose):
    if verbose == "auto":
        return 1
    if verbose not in (0, 1, 2):
        raise ValueError(f"`verbose` must be 0, 1, 2 or 'auto'; received verbose={verbose!r}.")
    return verbose


def _should_validate(epoch, validation_freq):
    if isinstance(validation_freq, int):
        if validation_freq < 1:
            raise ValueError(f"`validation_freq` must be a positive int; received {validation_freq}.")
        return (epoch + 1) % validation_freq == 0
    return (epoch + 1) in validation_freq
