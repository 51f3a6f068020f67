"""keras.random: random ops with explicit seeds."""
