"""The Hub's own date and time formats where Django's do not suit a
worldwide readership (``FORMAT_MODULE_PATH``); other languages keep Django's."""
