"""Services: one per domain area. Each user action is one method, one transaction."""
