"""Reusable widgets: the type-ahead search field with scanner detection."""
