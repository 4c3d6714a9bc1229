"""The screens of the navigation bar, one module each."""
