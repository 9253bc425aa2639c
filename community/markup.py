"""Forum text helpers; rendering is core.markdown's (members' text: strict mode)."""


def markdown_quote(*, author: str, text: str) -> str:
    quoted = "\n".join(f"> {line}" for line in text.strip().splitlines())
    return f"> **{author}:**\n>\n{quoted}\n\n"
