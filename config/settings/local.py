"""Settings for `make run` on one machine: the embedded defaults, debug on unless told."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("GONGKAI_DEBUG", True)
LOG_FORMAT = "plain"
LOGGING["handlers"]["console"]["formatter"] = "plain"  # noqa: F405
