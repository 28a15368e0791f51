"""Ladder's staff screens for consultations in Wagtail's admin, by concern.

- ``moderation``: the moderation queue, each comment's review page and the moderators' actions.
- ``bulk_actions``: approving, rejecting and restoring several comments chosen in the queue.
- ``responses``: "You said, we did" (write, publish) and closing a consultation early.
- ``forms`` and ``display``: the forms these screens show and how a comment reads in them.

``engagement.wagtail_hooks`` registers them. This package imports nothing when loaded, so
Django's admin, which looks for an ``admin`` module in every app, finds nothing to do here.
"""
