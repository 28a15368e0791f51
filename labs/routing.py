"""Websocket routes for live Innovation Lab sessions."""

from django.urls import path

from labs.consumers import LabSessionConsumer

websocket_urlpatterns = [
    path("ws/labs/<int:session_id>/", LabSessionConsumer.as_asgi()),
]
