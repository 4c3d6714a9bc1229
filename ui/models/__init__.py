"""Table models: lazy, windowed, filled in the background task runner."""
