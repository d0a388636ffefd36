"""dxtalent: digital talent for Japanese local governments."""

__version__ = "0.1.0"
