"""Background sync with HQ (Qt-free): push the outbox, pull the change feed."""
