"""smartdistrict: the operations centre of a Vietnamese urban local government."""

__version__ = "0.1.0"
