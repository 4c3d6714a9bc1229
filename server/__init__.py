"""ChannelDesk HQ reference server: the brand's side of the sync protocol."""
