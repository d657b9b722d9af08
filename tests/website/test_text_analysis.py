from website.text import segment, words


def test_analyser_splits_a_nursery_name_into_words():
    assert "托育" in words("阳光托育中心")


def test_analyser_finds_the_word_inside_a_guide_title():
    assert "辅食" in segment("婴幼儿辅食添加指南").split()


def test_analyser_leaves_latin_text_readable():
    assert "WHO" in segment("WHO 建议纯母乳喂养").split()


def test_analyser_returns_empty_text_for_nothing():
    assert segment("") == ""
    assert segment(None) == ""
