from marsad.stages.language import document_language, script_language, segments_of


def test_script_language():
    assert script_language("قال الجيش السوري إن قواته انسحبت") == "ar"
    assert script_language("The army said its forces withdrew.") == "en"
    assert script_language("پیشنهاد چگونه گفتگو کرد که این یک") == "fa"
    assert script_language("3500 — 2024") == "und"


def test_english_caption_inside_arabic_article_is_its_own_segment():
    text = ("قال المرصد السوري إن الفصائل دخلت المدينة.\n"
            "Opposition fighters ride along the streets of Hama, Syria. (AP Photo)\n"
            "ونفت وزارة الدفاع هذه الأنباء.")
    segs = segments_of(text)
    assert [s.lang for s in segs] == ["ar", "en", "ar"]
    assert text[segs[1].span[0]:segs[1].span[1]].startswith("Opposition fighters")
    assert segs[0].span[0] == 0 and segs[-1].span[1] == len(text)
    assert document_language(segs) == "ar"


def test_segments_cover_the_text_without_gaps():
    text = "SOHR: لا صحة. 3500!\n\nThe army denied it. ثم قال"
    segs = segments_of(text)
    assert segs[0].span[0] == 0 and segs[-1].span[1] == len(text)
    assert all(a.span[1] == b.span[0] for a, b in zip(segs, segs[1:]))
    assert all(a.lang != b.lang for a, b in zip(segs, segs[1:]))


def test_text_without_letters_is_undetermined():
    assert document_language(segments_of("12345 ... 678")) == "und"
