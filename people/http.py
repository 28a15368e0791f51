"""HTTP responses every app's views share."""

from django.http import HttpResponseRedirect


class SeeOther(HttpResponseRedirect):
    """A redirect after a successful POST (HTTP 303 See Other), so refreshing never sends the form again."""

    status_code = 303
