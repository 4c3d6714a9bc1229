"""Rebates (返利): policies, the append-only ledger and their arithmetic, shared by HQ and PC."""
