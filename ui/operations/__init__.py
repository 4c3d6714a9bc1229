"""One small function per user action: each runs one service call in the task runner."""
