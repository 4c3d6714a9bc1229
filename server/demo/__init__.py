"""The demo with HQ (`channeldesk-hq demo`): the brand's HQ seeded as its staff would seed it
(brand), served by the real server in a child process (process), a demo PC enrolled with it
whose history went through the outbox (world, with the PC's story in app.demo.live), and the
command that prints what waits for HQ staff and opens the desktop (cli)."""
