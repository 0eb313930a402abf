def site(request):
    """The region the page belongs to and the reader's display preferences."""
    return {
        "region": getattr(request, "region", None),
        "senior_mode": request.COOKIES.get("senior") == "1",
    }
