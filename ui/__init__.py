"""The PySide6 desktop. Only this package imports Qt; the core in `app/` never does."""
