"""The one error a service raises when it will not do what was asked, with a message for the
person who asked: each app's services raise it (or a narrower kind of it), and views show
the message."""


class Refused(Exception):
    """Not allowed now; str(refusal) says why, in words for people."""
