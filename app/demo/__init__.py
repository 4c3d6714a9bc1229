"""Demo data, for trying the app and for benchmarks.

Two demos share the invented catalog (app.demo.products), outlets (app.demo.outlets) and
people (app.demo.company):

- the PC-only demo (`channeldesk demo`, `channeldesk --demo`): a year of history written
  straight into the tables (app.demo.history, app.demo.rows), fast enough for a million order
  lines, never sent to an HQ;
- the demo with HQ (`channeldesk-hq demo`, server.demo): a PC enrolled with a demo HQ whose
  history is made through the services (app.demo.live), so that every change went through the
  outbox to HQ and both sides hold the same.
"""

from app.demo.build import build_demo
from app.demo.summary import demo_summary

__all__ = ["build_demo", "demo_summary"]
