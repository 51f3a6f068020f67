"""kerasish.initializers (as keras.initializers)."""
