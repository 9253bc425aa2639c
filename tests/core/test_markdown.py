import pytest

from core.markdown import markdown_render


def test_markdown_renders_basic_formatting():
    html = markdown_render("## Title\n\n**bold** and [a link](https://example.org)")
    assert '<h2 dir="auto">Title</h2>' in html
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'rel="noopener noreferrer"' in html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("<script>alert(1)</script>", "alert(1)"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe"),
        ("<style>body{display:none}</style>", "<style"),
        ("<style>body{display:none}</style>", "display:none"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="#" onclick="steal()">x</a>', "onclick"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<p style="color:red">x</p>', "style="),
    ],
)
def test_markdown_strips_dangerous_html(source, forbidden):
    assert forbidden.lower() not in markdown_render(source).lower()


def test_members_raw_html_is_shown_as_text_and_links_are_not_endorsed():
    html = markdown_render("<b>hi</b> [site](https://example.org)", from_members=True)
    assert "&lt;b&gt;hi&lt;/b&gt;" in html
    assert 'rel="noopener noreferrer nofollow ugc"' in html


def test_editors_markdown_may_use_the_allowed_html():
    assert "<abbr" in markdown_render('<abbr title="Hash">PhotoDNA</abbr>')


def test_each_block_finds_its_own_direction():
    html = markdown_render(
        "## Hash matching\n\nنص عربي.\n\n- item\n\n| a |\n|---|\n| b |",
        from_members=True,
    )
    assert '<h2 dir="auto">Hash matching</h2>' in html
    assert '<p dir="auto">نص عربي.</p>' in html
    assert '<li dir="auto">item</li>' in html
    assert '<td dir="auto">b</td>' in html
