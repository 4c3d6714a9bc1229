"""The Alembic revision the code expects; a test checks it equals the scripts' head."""

HEAD_REVISION = "0002"
