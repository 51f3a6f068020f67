"""kerasish.constraints (as keras.constraints)."""
