"""Ingest from every source; bad input gives a recorded failure and the batch goes on."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.config import Config
from marsad.doc import Document, Failure
from marsad.ingest import ingest, read_source
from marsad.store import open_store

AR = "الجيش ينفي الانسحاب\nنفت وزارة الدفاع السورية في بيان انسحاب قواتها من حماة.\n"
EN = "Rebels enter Hama\nRebels entered Hama on Thursday, the Syrian Observatory for Human Rights said.\n"
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
  <item><title>Clashes in Idlib</title><link>https://example.org/1</link>
  <pubDate>Fri, 06 Dec 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;Clashes broke out in Idlib.&lt;/p&gt;</description></item>
  <item><title>Strike on Homs</title><link>https://example.org/2</link><description>An airstrike hit Homs.</description></item>
  </channel></rss>"""


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "t.db")) as s:
        yield s


def items(path):
    return list(read_source(str(path), Config()))


def split(out):
    return [x for x in out if isinstance(x, Document)], [x for x in out if isinstance(x, Failure)]


def test_text_file_title_and_key(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(AR, encoding="utf-8")
    [doc] = items(f)
    assert isinstance(doc, Document)
    assert doc.title == "الجيش ينفي الانسحاب" and doc.key == str(f) and doc.text == AR


def test_html_page_keeps_title_and_date_and_drops_boilerplate(tmp_path):
    body = " ".join(["The army said on Friday that its forces had repelled an attack near Hama."] * 6)
    f = tmp_path / "page.html"
    f.write_text(f"""<html><head><title>Army repels attack near Hama</title>
      <link rel="canonical" href="https://news.example.org/hama-attack">
      <meta property="og:site_name" content="Example News">
      <meta property="article:published_time" content="2024-12-06"></head>
      <body><nav>Home | World | Sport | Login</nav><article><h1>Army repels attack near Hama</h1>
      <p>{body}</p><p>{body}</p></article><footer>Copyright 2024 Example News. All rights reserved.</footer>
      </body></html>""", encoding="utf-8")
    [doc] = items(f)
    assert doc.title == "Army repels attack near Hama" and doc.text.count("Army repels attack near Hama") == 1
    assert doc.text.startswith(doc.title + "\n") and "repelled an attack" in doc.text
    assert "Login" not in doc.text and "Copyright" not in doc.text
    assert doc.published.startswith("2024-12-06") and doc.key == doc.url == "https://news.example.org/hama-attack"
    assert doc.source == "Example News"


def test_html_page_in_windows_1256_is_decoded_by_its_charset(tmp_path):
    body = " ".join(["قال المرصد السوري لحقوق الإنسان إن اشتباكات عنيفة اندلعت في ريف حماة الشمالي."] * 4)
    page = (f'<html><head><meta charset="windows-1256"><title>اشتباكات في ريف حماة</title></head><body>'
            f'<article><h1>اشتباكات في ريف حماة</h1><p>{body}</p><p>{body}</p></article></body></html>')
    f = tmp_path / "old_site.htm"
    f.write_bytes(page.encode("cp1256"))
    [doc] = items(f)
    assert doc.title == "اشتباكات في ريف حماة" and "اندلعت في ريف حماة الشمالي" in doc.text


def test_unclosed_markup_is_recovered(tmp_path):
    f = tmp_path / "unclosed.html"
    f.write_text("<html><body><div><p>Rebels entered the city of Hama on Thursday, a monitor said. "
                 "The army denied it in a statement.<b>unclosed", encoding="utf-8")
    [doc] = items(f)
    assert isinstance(doc, Document) and "Rebels entered the city of Hama" in doc.text


def test_rss_and_atom_feeds_give_one_document_per_entry(tmp_path):
    rss = tmp_path / "feed.rss"
    rss.write_text(RSS, encoding="utf-8")
    docs = items(rss)
    assert [d.url for d in docs] == [d.key for d in docs] == ["https://example.org/1", "https://example.org/2"]
    assert docs[0].text == "Clashes in Idlib\nClashes broke out in Idlib." and docs[0].published == "2024-12-06T10:00:00Z"
    assert docs[0].title == "Clashes in Idlib" and docs[0].source == "Wire"
    atom = tmp_path / "feed.atom"
    atom.write_text("""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
      <title>Monitor</title><entry><title>قصف على إدلب</title><link href="https://example.org/a"/><id>a1</id>
      <updated>2024-12-07T08:00:00Z</updated>
      <content type="html">&lt;p&gt;أفاد المرصد بقصف على إدلب.&lt;/p&gt;&lt;p&gt;ونفى الجيش ذلك.&lt;/p&gt;</content></entry>
      </feed>""", encoding="utf-8")
    [doc] = items(atom)
    assert doc.source == "Monitor" and doc.published == "2024-12-07T08:00:00Z"
    assert doc.text == "قصف على إدلب\nأفاد المرصد بقصف على إدلب.\nونفى الجيش ذلك."


def test_files_that_are_not_feeds_or_have_no_entries_are_clear_failures(tmp_path):
    (tmp_path / "notes.xml").write_text("<notes><note>hello</note></notes>", encoding="utf-8")
    (tmp_path / "empty.rss").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
                                        '</channel></rss>', encoding="utf-8")
    [bad] = items(tmp_path / "notes.xml")
    [empty] = items(tmp_path / "empty.rss")
    assert (bad.code, empty.code) == ("E103", "E101") and "feed" in bad.message and "no entries" in empty.message


@pytest.fixture
def web():
    """A local web server: path -> (status, body)."""
    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            status, body = pages.get(self.path, (404, b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield pages, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_feed_urls_are_fetched_and_a_bad_url_is_a_failure(web, store):
    pages, base = web
    pages["/feed.xml"] = (200, RSS.encode())
    pages["/page"] = (200, b"<html><body>not a feed</body></html>")
    report = ingest([f"{base}/feed.xml", f"{base}/missing.xml", f"{base}/page"], store, Config())
    assert report.added == 2
    assert [(f.source, f.code) for f in report.failures] == [(f"{base}/missing.xml", "E100"), (f"{base}/page", "E103")]
    assert "HTTP 404" in report.failures[0].message
    assert [d.url for d in store.documents()] == ["https://example.org/1", "https://example.org/2"]


def test_telegram_export_one_document_per_message(tmp_path):
    f = tmp_path / "result.json"
    f.write_text(json.dumps({"name": "Front news", "id": 7, "messages": [
        {"id": 1, "type": "service", "action": "create_channel", "text": ""},
        {"id": 2, "type": "message", "date": "2024-12-07T10:00:00", "text": ["عاجل: ", {"type": "bold", "text": "سيطرة"},
                                                                             " على حماة"]},
        {"id": 3, "type": "message", "date": "2024-12-07T11:00:00", "forwarded_from": "Other", "text": "نفي"},
        {"id": 4, "type": "message", "text": "", "photo": "photos/p.jpg"},
        {"id": 5, "type": "message", "text": 42}]}, ensure_ascii=False), encoding="utf-8")
    docs, fails = split(items(f))
    assert [d.text for d in docs] == ["عاجل: سيطرة على حماة", "نفي"]
    assert docs[0].kind == "telegram_post" and docs[0].key == "telegram:Front news/2" and docs[0].source == "Front news"
    assert docs[0].published == "2024-12-07T10:00:00"
    assert docs[1].meta["forwarded_from"] == "Other" and docs[1].meta["message_id"] == 3
    assert len(fails) == 1 and "message 5" in fails[0].message and fails[0].source == str(f)


def test_telegram_account_export_with_a_byte_order_mark(tmp_path):
    f = tmp_path / "result.json"
    data = {"chats": {"list": [{"name": "A", "id": 1, "messages": [{"id": 9, "type": "message", "text": "Shelling in Daraa."}]},
                               {"name": "B", "id": 2, "messages": [{"id": 9, "type": "message", "text": "قصف على درعا"}]}]}}
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps(data, ensure_ascii=False).encode("utf-8"))
    docs, fails = split(items(f))
    assert fails == [] and [(d.source, d.key) for d in docs] == [("A", "telegram:A/9"), ("B", "telegram:B/9")]


def test_x_archive_tweets_js_with_its_account(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "account.js").write_text('window.YTD.account.part0 = [{"account": {"username": "desk", "accountId": "1"}}]',
                                     encoding="utf-8")
    (data / "tweets.js").write_text(
        'window.YTD.tweets.part0 = [\n{"tweet": {"id_str": "9", "full_text": "Our forces entered Hama &amp; Homs.",'
        ' "created_at": "Fri Dec 06 10:00:00 +0000 2024"}},\n{"tweet": {"id_str": "10"}}]', encoding="utf-8")
    (data / "like.js").write_text('window.YTD.like.part0 = [{"like": {"tweetId": "1", "fullText": "liked"}}]',
                                  encoding="utf-8")
    (data / "tweets_media").mkdir()
    (data / "tweets_media" / "9-a.jpg").write_bytes(b"\xff\xd8\xff\xe0 not text")
    with open_store(str(tmp_path / "x.db")) as s:
        report = ingest([str(data)], s, Config())
        [doc] = list(s.documents())
    assert (report.added, report.skipped, len(report.failures)) == (1, 3, 1)  # account.js, like.js, the photo
    assert "item 2" in report.failures[0].message
    assert doc.kind == "tweet" and doc.text == "Our forces entered Hama & Homs."
    assert doc.published == "2024-12-06T10:00:00+00:00" and doc.source == "desk" and doc.key == "x:desk/9"


def test_x_archive_as_a_plain_json_list(tmp_path):
    f = tmp_path / "tweets.json"
    f.write_text(json.dumps([{"id_str": "1", "text": "قال الناطق إن القوات انسحبت.", "user": {"screen_name": "sp"}}],
                            ensure_ascii=False), encoding="utf-8")
    [doc] = items(f)
    assert doc.kind == "tweet" and doc.source == "sp" and doc.key == "x:sp/1"


def test_jsonl_bad_lines_are_failures_naming_the_line(tmp_path):
    f = tmp_path / "docs.jsonl"
    lines = ['{"text": "first", "url": "u1", "lang": "en"}', '{broken', '', '{"title": "no text"}',
             '{"text": "fourth", "kind": "tweet"}', '{"text": "fifth", "published": 2024}',
             '{"text": "\\ud800 lone surrogate"}', '{"text": "seventh", "kind": "blog"}', '[1, 2]',
             '{"text": "ninth", "published": "last Friday", "id": 9}']
    f.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + '{"text": "نص"}\n'.encode("cp1256") + b'{"text": "last"}\n')
    docs, fails = split(items(f))
    assert [x.text for x in docs] == ["first", "fourth", "ninth", "last"]
    assert [(x.line, x.code) for x in fails] == [(2, "E103"), (4, "E103"), (6, "E103"), (7, "E102"), (8, "E103"),
                                                (9, "E103"), (11, "E102")]
    assert all(x.source == str(f) and x.message for x in fails)
    assert docs[0].key == "u1" and docs[0].meta["lang"] == "en" and docs[1].kind == "tweet" and docs[3].key is None
    assert docs[2].key == "9" and docs[2].published is None and docs[2].meta["published_as_given"] == "last Friday"


def test_bad_files_are_recorded_and_the_batch_goes_on(tmp_path, store):
    d = tmp_path / "batch"
    d.mkdir()
    (d / "good.txt").write_text(EN, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "blank.jsonl").write_text("\n  \n", encoding="utf-8")
    (d / "cp1256.txt").write_bytes("قال الجيش\nإن قواته تقدمت".encode("cp1256"))
    (d / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00 zip data")
    (d / "broken.html").write_text("<html><body><div><script>var x = 1;</script><nav>Home", encoding="utf-8")
    (d / "result.json").write_text('{"name": "x", "messages": [\n{"id": 1, "text": "ok"},\n', encoding="utf-8")
    (d / "other.txt").write_text(AR, encoding="utf-8")
    report = ingest([str(d)], store, Config())
    assert report.added == 2 and store.counts()["documents"] == 2
    got = {f.source.split("/")[-1]: (f.code, f.line) for f in report.failures}
    assert got == {"empty.txt": ("E101", None), "blank.jsonl": ("E101", None), "cp1256.txt": ("E102", 1), "binary.txt": ("E102", None),
                   "broken.html": ("E103", None), "result.json": ("E103", 3)}
    assert all(f.message for f in report.failures) and len(store.failures()) == 6


def test_too_large_file_is_a_failure(tmp_path, store):
    f = tmp_path / "big.txt"
    f.write_text("x" * 200, encoding="utf-8")
    report = ingest([str(f)], store, Config({"ingest.max_bytes": 100}))
    assert [x.code for x in report.failures] == ["E104"] and "ingest.max_bytes" in report.failures[0].message


def test_a_directory_walk_skips_hidden_and_unknown_files(tmp_path, store):
    d = tmp_path / "reports"
    (d / ".git").mkdir(parents=True)
    (d / ".git" / "notes.txt").write_text(EN, encoding="utf-8")
    (d / "photos").mkdir()
    (d / "photos" / "a.jpg").write_bytes(b"\xff\xd8 jpeg")
    (d / "sub").mkdir()
    (d / "sub" / "a.txt").write_text(AR, encoding="utf-8")
    (d / "ar.md").write_text(AR + "more\n", encoding="utf-8")
    report = ingest([str(d)], store, Config())
    assert (report.added, report.skipped, report.failures) == (2, 1, [])


def test_ingesting_the_same_directory_twice_stores_each_document_once(tmp_path, store):
    d = tmp_path / "docs"
    d.mkdir()
    (d / "a.txt").write_text(AR, encoding="utf-8")
    (d / "b.txt").write_text(EN, encoding="utf-8")
    (d / "c.jsonl").write_text('{"text": "one", "url": "u1"}\n{"text": "two", "url": "u2"}\n', encoding="utf-8")
    (d / "feed.rss").write_text(RSS, encoding="utf-8")
    calls = []
    first = ingest([str(d)], store, Config(), progress=lambda n, what: calls.append(n))
    second = ingest([str(d)], store, Config())
    assert (first.added, first.duplicates) == (6, 0) and calls == [1] * 6
    assert (second.added, second.duplicates, second.new_versions) == (0, 6, 0)
    assert store.counts()["documents"] == 6


def test_changed_text_is_a_new_version_linked_to_the_old(tmp_path, store):
    f = tmp_path / "a.txt"
    f.write_text(EN, encoding="utf-8")
    ingest([str(f)], store, Config())
    f.write_text(EN + "Update: the army denied it.\n", encoding="utf-8")
    report = ingest([str(f)], store, Config())
    assert report.new_versions == 1
    docs = list(store.documents())
    assert len(docs) == 2 and docs[1].previous_id == docs[0].id and docs[0].previous_id is None


def test_missing_path_is_a_failure(tmp_path, store):
    report = ingest([str(tmp_path / "nope")], store, Config())
    assert report.failures[0].message == "no such file or directory" and report.failures[0].code == "E100"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(max_size=40), min_size=1, max_size=8))
def test_every_jsonl_line_is_stored_once_or_recorded_as_a_failure(tmp_path_factory, texts):
    d = tmp_path_factory.mktemp("j")
    f = d / "lines.jsonl"
    f.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    with open_store(str(d / "j.db")) as s:
        report = ingest([str(f)], s, Config())
        storable = [t for t in texts if t.strip() and "\x00" not in t]
        assert report.added == len(set(storable)) and report.documents == len(storable)
        assert report.documents + len(report.failures) == len(texts)
        assert sorted(doc.text for doc in s.documents()) == sorted(set(storable))
        again = ingest([str(f)], s, Config())
        assert (again.added, again.duplicates) == (0, len(storable))
