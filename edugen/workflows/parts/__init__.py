"""The parts of a week's generation, one module each: choose, personalise, fall back, merge."""
