"""Which region a request is for: by host name, then by path prefix, else the first region.

A prefecture's intensive platform serves each county on its own host (shifan.example.gov.cn) or
under a prefix (/shifan/…). With a prefix, the prefix is stripped before URL resolution and set as
the script prefix, so that `reverse()` and `{% url %}` produce prefixed links.
"""

from __future__ import annotations

from django.urls import set_script_prefix

from .selectors import region_for_request


class RegionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        region, prefix = region_for_request(host=request.get_host(), path=request.path_info)
        request.region = region
        if prefix:
            request.path_info = request.path_info[len(prefix) :] or "/"
            script = request.META.get("SCRIPT_NAME", "").rstrip("/")
            set_script_prefix(f"{script}{prefix}/")
        try:
            return self.get_response(request)
        finally:
            if prefix:
                set_script_prefix(request.META.get("SCRIPT_NAME", "") or "/")
