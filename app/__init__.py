"""ChannelDesk core: Qt-free models, services, sync client, documents and CLI."""

__version__ = "0.1.0"
