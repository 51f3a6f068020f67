"""kerasish.trainers: the backend-agnostic trainer and its data input layer."""
