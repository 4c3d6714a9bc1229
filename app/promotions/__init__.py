"""Promotions (促销): HQ-owned rules and the one function that prices an order with them."""
