from community.errors import CommunityError


class ChallengeError(CommunityError):
    """A challenge rule refused the action; the message is shown to the person."""


class DeadlinePassedError(ChallengeError):
    pass


class ConflictOfInterestError(ChallengeError):
    pass


class AttachmentRefusedError(ChallengeError):
    pass
