from tests.sync.fixtures import (  # noqa: F401
    hq,
    hq_db_url,
    hq_sqlite,
    make_pc,
    postgres,
    proxy_for,
    sqlite_hq_url,
    world,
)
