"""Same organisation name, or only a look-alike."""

import pytest

from tools_catalog.names import provider_name_fold, provider_name_key


@pytest.mark.parametrize("name", ["THORN", "thorn", " Thorn  ", "\uff34horn"])
def test_the_same_name_folds_the_same(name):
    assert provider_name_fold(name) == provider_name_fold("Thorn")


@pytest.mark.parametrize(
    "name",
    [
        "Th0rn",
        "T h o r n",
        "T-h-o-r-n",
        "Thorn, Inc.",
        "The Thorn Foundation",
        "Thorn GmbH & Co. KG",
        "Th\u043ern",  # Cyrillic small o
        "\u0422\u041dORN",  # Cyrillic capitals Te and En
        "T\u0397ORN",  # Greek capital Eta
        "Thom",  # "rn" read as "m"
        "Thörn",
        "Thorn\u0301",  # a combining accent
        "Th\u0585rn",  # Armenian small oh (found by the red team)
        "\u1d1b\u029c\u1d0f\u0280\u0274",  # Latin small capitals
        "\u13a2hor\u0578",  # a Cherokee T and an Armenian vo
        "Tho\u200brn",  # a zero-width space inside
    ],
)
def test_lookalikes_share_the_key_but_not_the_fold(name):
    assert provider_name_key(name) == provider_name_key("Thorn")
    assert provider_name_fold(name) != provider_name_fold("Thorn")


@pytest.mark.parametrize(
    "name",
    ["Thornton", "North", "Thorne Analytics", "Acme", "\u682a\u5f0f\u4f1a\u793e"],
)
def test_other_names_have_other_keys(name):
    assert provider_name_key(name) != provider_name_key("Thorn")


def test_a_name_of_legal_words_only_keeps_them():
    assert provider_name_key("Inc.") == "lnc"
    assert provider_name_key("...") == ""
