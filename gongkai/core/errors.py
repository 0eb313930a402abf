"""The one application error type. Services raise it; views turn it into a Chinese message."""


class GongkaiError(Exception):
    """A rule was broken by the request; `message` is shown to the person as it is (Chinese)."""

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


class PermissionDenied(GongkaiError):
    def __init__(self, message: str = "您没有权限进行此操作。"):
        super().__init__(message, code="forbidden")
