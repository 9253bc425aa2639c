class CommunityError(Exception):
    """An action the rules forbid; the message is shown to the member."""


class RateLimitedError(CommunityError):
    pass


class NotAllowedError(CommunityError):
    pass
