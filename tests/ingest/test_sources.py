"""Ingest from every source; bad input gives a recorded failure and the batch goes on."""
import json

import pytest

from marsad.config import Config
from marsad.doc import Document, Failure
from marsad.ingest import ingest, read_source
from marsad.store import open_store

AR = "الجيش ينفي الانسحاب\nنفت وزارة الدفاع السورية في بيان انسحاب قواتها من حماة.\n"
EN = "Rebels enter Hama\nRebels entered Hama on Thursday, the Syrian Observatory for Human Rights said.\n"


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "t.db")) as s:
        yield s


def items(path):
    return list(read_source(str(path), Config()))


def test_text_file_title_and_key(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(AR, encoding="utf-8")
    [doc] = items(f)
    assert isinstance(doc, Document)
    assert doc.title == "الجيش ينفي الانسحاب" and doc.key == str(f) and doc.text == AR


def test_html_page_keeps_title_and_drops_boilerplate(tmp_path):
    body = " ".join(["The army said on Friday that its forces had repelled an attack near Hama."] * 6)
    f = tmp_path / "page.html"
    f.write_text(f"""<html><head><title>Army repels attack near Hama</title>
      <meta property="article:published_time" content="2024-12-06"></head>
      <body><nav>Home | World | Sport | Login</nav><article><h1>Army repels attack near Hama</h1>
      <p>{body}</p><p>{body}</p></article><footer>Copyright 2024 Example News. All rights reserved.</footer>
      </body></html>""", encoding="utf-8")
    [doc] = items(f)
    assert doc.title == "Army repels attack near Hama"
    assert "repelled an attack" in doc.text and "Login" not in doc.text and "Copyright" not in doc.text
    assert doc.published.startswith("2024-12-06")


def test_rss_and_atom_feeds_give_one_document_per_entry(tmp_path):
    rss = tmp_path / "feed.rss"
    rss.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <item><title>Clashes in Idlib</title><link>https://example.org/1</link>
      <pubDate>Fri, 06 Dec 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;Clashes broke out in Idlib.&lt;/p&gt;</description></item>
      <item><title>Strike on Homs</title><link>https://example.org/2</link><description>An airstrike hit Homs.</description></item>
      </channel></rss>""", encoding="utf-8")
    docs = items(rss)
    assert [d.url for d in docs] == ["https://example.org/1", "https://example.org/2"]
    assert docs[0].text == "Clashes in Idlib\nClashes broke out in Idlib." and docs[0].published == "2024-12-06T10:00:00Z"
    atom = tmp_path / "feed.atom"
    atom.write_text("""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>Monitor</title><entry><title>قصف على إدلب</title><link href="https://example.org/a"/><id>a1</id>
      <updated>2024-12-07T08:00:00Z</updated><summary>أفاد المرصد بقصف على إدلب.</summary></entry></feed>""",
                    encoding="utf-8")
    [doc] = items(atom)
    assert doc.source == "Monitor" and doc.text.startswith("قصف على إدلب")


def test_telegram_export_one_document_per_message(tmp_path):
    f = tmp_path / "result.json"
    f.write_text(json.dumps({"name": "Front news", "id": 7, "messages": [
        {"id": 1, "type": "service", "text": ""},
        {"id": 2, "type": "message", "date": "2024-12-07T10:00:00", "text": ["عاجل: ", {"type": "bold", "text": "سيطرة"},
                                                                             " على حماة"]},
        {"id": 3, "type": "message", "date": "2024-12-07T11:00:00", "forwarded_from": "Other", "text": "نفي"},
        {"id": 4, "type": "message", "text": ""},
        {"id": 5, "type": "message", "text": 42}]}, ensure_ascii=False), encoding="utf-8")
    out = items(f)
    docs = [x for x in out if isinstance(x, Document)]
    fails = [x for x in out if isinstance(x, Failure)]
    assert [d.text for d in docs] == ["عاجل: سيطرة على حماة", "نفي"]
    assert docs[0].kind == "telegram_post" and docs[0].key == "telegram:Front news/2" and docs[0].source == "Front news"
    assert docs[1].meta["forwarded_from"] == "Other" and docs[1].meta["message_id"] == 3
    assert len(fails) == 1 and "message 4" in fails[0].message


def test_x_archive(tmp_path):
    f = tmp_path / "tweets.js"
    f.write_text('window.YTD.tweets.part0 = [{"tweet": {"id_str": "9", "full_text": "Our forces entered Hama.",'
                 ' "created_at": "Fri Dec 06 10:00:00 +0000 2024"}}, {"tweet": {"id_str": "10"}}]', encoding="utf-8")
    out = items(f)
    assert out[0].kind == "tweet" and out[0].published == "2024-12-06T10:00:00+00:00"
    assert isinstance(out[1], Failure)


def test_jsonl_bad_line_is_a_failure_naming_the_line(tmp_path):
    f = tmp_path / "docs.jsonl"
    f.write_text('{"text": "first", "url": "u1"}\n{broken\n\n{"title": "no text"}\n{"text": "fourth", "kind": "tweet"}\n',
                 encoding="utf-8")
    out = items(f)
    assert [x.text for x in out if isinstance(x, Document)] == ["first", "fourth"]
    assert [(x.line, x.code) for x in out if isinstance(x, Failure)] == [(2, "E103"), (4, "E103")]


def test_bad_files_are_recorded_and_the_batch_goes_on(tmp_path, store):
    d = tmp_path / "batch"
    d.mkdir()
    (d / "good.txt").write_text(EN, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "cp1256.txt").write_bytes("قال الجيش".encode("cp1256"))
    (d / "broken.html").write_text("<html><body><div><script>var x = 1;</script><nav>Home", encoding="utf-8")
    (d / "result.json").write_text('{"name": "x", "messages": [', encoding="utf-8")
    (d / "other.txt").write_text(AR, encoding="utf-8")
    report = ingest([str(d)], store, Config())
    assert report.added == 2
    codes = {f.source.split("/")[-1]: f.code for f in report.failures}
    assert codes == {"empty.txt": "E101", "cp1256.txt": "E102", "broken.html": "E103", "result.json": "E103"}
    assert all(f.message for f in report.failures)
    assert len(store.failures()) == 4 and store.counts()["documents"] == 2


def test_unclosed_markup_is_recovered(tmp_path):
    f = tmp_path / "unclosed.html"
    f.write_text("<html><body><div><p>Rebels entered the city of Hama on Thursday, a monitor said. "
                 "The army denied it in a statement.<b>unclosed", encoding="utf-8")
    [doc] = items(f)
    assert isinstance(doc, Document) and "Rebels entered the city of Hama" in doc.text


def test_too_large_file_is_a_failure(tmp_path, store):
    f = tmp_path / "big.txt"
    f.write_text("x" * 200, encoding="utf-8")
    report = ingest([str(f)], store, Config({"ingest.max_bytes": 100}))
    assert [x.code for x in report.failures] == ["E104"]


def test_ingesting_the_same_directory_twice_stores_each_document_once(tmp_path, store):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text(AR, encoding="utf-8")
    (d / "b.txt").write_text(EN, encoding="utf-8")
    (d / "c.jsonl").write_text('{"text": "one", "url": "u1"}\n{"text": "two", "url": "u2"}\n', encoding="utf-8")
    first = ingest([str(d)], store, Config())
    second = ingest([str(d)], store, Config())
    assert (first.added, first.duplicates) == (4, 0)
    assert (second.added, second.duplicates, second.new_versions) == (0, 4, 0)
    assert store.counts()["documents"] == 4


def test_changed_text_is_a_new_version_linked_to_the_old(tmp_path, store):
    f = tmp_path / "a.txt"
    f.write_text(EN, encoding="utf-8")
    ingest([str(f)], store, Config())
    f.write_text(EN + "Update: the army denied it.\n", encoding="utf-8")
    report = ingest([str(f)], store, Config())
    assert report.new_versions == 1
    docs = list(store.documents())
    assert len(docs) == 2 and docs[1].previous_id == docs[0].id


def test_missing_path_is_a_failure(tmp_path, store):
    report = ingest([str(tmp_path / "nope")], store, Config())
    assert report.failures[0].message == "no such file or directory"
