"""The project's URLs plus the hello-world ceiling; loaded only by config.settings_bench."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    """A bare view through the same middleware stack: what Django costs with no work."""
    return HttpResponse(b"hello world", content_type="text/plain")


urlpatterns = [path("bench/hello", hello, name="bench_hello"), *project_urlpatterns]
