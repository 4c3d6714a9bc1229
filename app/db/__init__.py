"""Local SQLite store: models, engine, sessions and migrations."""
