"""kerasish.backends: the built-in backends (installed from the repo folder backends/)."""
