"""Websocket routes for live Innovation Lab sessions (the consumer arrives with the labs issue)."""

websocket_urlpatterns = []
