"""How big the demo with HQ is by default (kept apart so that the command line can show the
defaults without importing the services)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    """The demo with HQ's default sizes; `channeldesk-hq demo` prints the time its build
    took (see the README for the figure on a 2-core machine)."""

    products: int = 60
    outlets: int = 24
    orders: int = 80
