"""What every application builder shares: argument checks, the image input (from `input_shape` or
an `input_tensor`), the pooling/classifier top, and the model's source inputs."""
from kerasish import backend, layers

from kerasish.applications import imagenet_utils, weights as weights_lib


def check_arguments(weights, include_top, classes, pooling, pretrained_classes, app):
    """Keras's checks on `weights`, `classes` and `pooling`, before anything is built."""
    weights_lib.check_weights_argument(weights, app)
    if weights == "imagenet" and include_top and pretrained_classes is not None \
            and classes != pretrained_classes:
        raise ValueError(
            f"{app}: if using `weights='imagenet'` with `include_top=True`, `classes` should be "
            f"{pretrained_classes}.  Received classes={classes}")
    if pooling not in (None, "avg", "max"):
        raise ValueError(f"{app}: `pooling` must be None, 'avg' or 'max'. Received: "
                         f"pooling={pooling!r}")


def image_input(input_tensor, input_shape):
    """The tensor the network starts from: a new Input of `input_shape`, or the user's tensor."""
    if input_tensor is None:
        return layers.Input(shape=input_shape)
    if not backend.is_keras_tensor(input_tensor):
        raise ValueError("`input_tensor` must be a symbolic tensor (the output of "
                         "`kerasish.Input()` or of layers called on one). Received: "
                         f"input_tensor={input_tensor!r} of type {type(input_tensor).__name__}")
    return input_tensor


def source_inputs(tensor):
    """The Input tensors that `tensor` is computed from (the model's inputs when the user passed
    an `input_tensor` built on top of their own Input)."""
    found, seen, pending = [], set(), [tensor]
    while pending:
        x = pending.pop()
        history = getattr(x, "_keras_history", None)
        if history is None:
            continue
        operation, node_index, _ = history
        node = operation._inbound_nodes[node_index]
        if node.is_input:
            if id(x) not in seen:
                seen.add(id(x))
                found.append(x)
        else:
            pending.extend(reversed(node.input_tensors))
    return found[0] if len(found) == 1 else found


def model_inputs(input_tensor, img_input):
    return source_inputs(input_tensor) if input_tensor is not None else img_input


def pooled_top(x, include_top, pooling, classes, classifier_activation, weights,
               avg_name=None, max_name=None, before_dense=None, dense_kwargs=None):
    """Global average pooling and the `predictions` Dense (include_top), or the optional
    feature pooling of a headless model. `before_dense` adds layers in between (dropout)."""
    if include_top:
        x = layers.GlobalAveragePooling2D(name=avg_name)(x)
        if before_dense is not None:
            x = before_dense(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        return layers.Dense(classes, activation=classifier_activation, name="predictions",
                            **(dense_kwargs or {}))(x)
    if pooling == "avg":
        return layers.GlobalAveragePooling2D(name=avg_name)(x)
    if pooling == "max":
        return layers.GlobalMaxPooling2D(name=max_name)(x)
    return x


def channel_axis():
    return 1 if backend.image_data_format() == "channels_first" else -1
