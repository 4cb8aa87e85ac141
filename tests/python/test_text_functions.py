"""tifa.split_sentences and tifa.find_slogans on text as given, with hand-written expectations."""

import unittest

import tifa_test_support as support

import tifa


class SplitSentencesTest(unittest.TestCase):
    def test_known_spans(self):
        text = "第一句。第二句！\n\n标题"
        sentences = tifa.split_sentences(text)
        self.assertEqual(
            sentences,
            [
                {"start": 0, "end": 12, "char_start": 0, "char_end": 4, "text": "第一句。"},
                {"start": 12, "end": 24, "char_start": 4, "char_end": 8, "text": "第二句！"},
                {"start": 26, "end": 32, "char_start": 10, "char_end": 12, "text": "标题"},
            ],
        )
        for sentence in sentences:
            self.assertEqual(text[sentence["char_start"]:sentence["char_end"]], sentence["text"])

    def test_text_is_not_cleaned(self):
        # ASCII punctuation would become full-width in the pipeline; split keeps the text.
        text = "Hello, world. 第二句。"
        sentences = tifa.split_sentences(text)
        self.assertEqual("".join(s["text"] for s in sentences).replace(" ", ""),
                         text.replace(" ", ""))
        for sentence in sentences:
            self.assertEqual(text[sentence["char_start"]:sentence["char_end"]], sentence["text"])

    def test_split_on_semicolon(self):
        text = "一是稳中求进；二是提质增效。"
        self.assertEqual([s["text"] for s in tifa.split_sentences(text)], [text])
        self.assertEqual([s["text"] for s in tifa.split_sentences(text, split_on_semicolon=True)],
                         ["一是稳中求进；", "二是提质增效。"])

    def test_bytes_and_empty_text(self):
        self.assertEqual(tifa.split_sentences("第一句。".encode("utf-8"))[0]["char_end"], 4)
        self.assertEqual(tifa.split_sentences(""), [])

    def test_invalid_utf8(self):
        with self.assertRaises(tifa.TifaError) as caught:
            tifa.split_sentences(b"\xff\xfe bad")
        self.assertEqual(caught.exception.code, -2)
        self.assertEqual(caught.exception.status, "utf8")

    def test_pipeline_method(self):
        pipeline = tifa.Pipeline(split_on_semicolon=True)
        self.assertEqual(len(pipeline.split_sentences("甲乙；丙丁。")), 2)


class FindSlogansTest(unittest.TestCase):
    def test_six_stabilities_and_six_guarantees(self):
        text = "做好“六稳”“六保”工作"
        mentions = tifa.find_slogans(text)
        self.assertEqual([(m["canonical"], m["char_start"], m["char_end"]) for m in mentions],
                         [("六稳", 3, 5), ("六保", 7, 9)])
        for mention in mentions:
            self.assertTrue(mention["quoted"])
            self.assertEqual(mention["kind"], "numeric")
            self.assertEqual(mention["origin"], "lexicon")
            self.assertEqual(text[mention["char_start"]:mention["char_end"]], mention["surface"])
            self.assertEqual(text.encode("utf-8")[mention["start"]:mention["end"]].decode("utf-8"),
                             mention["surface"])

    def test_every_seed_text(self):
        pipeline = tifa.Pipeline()
        for path in support.seed_paths():
            with self.subTest(seed=path):
                clean = pipeline.process(support.read_bytes(path))["text"]
                doc = pipeline.find_slogans_doc(clean)
                self.assertEqual(doc["text"], clean)
                support.check_document(self, doc)
                self.assertTrue(doc["mentions"])

    def test_custom_lexicon(self):
        lexicon = tifa.Lexicon.from_string("canonical\tcategory\n甲乙丙丁\ttest\n")
        mentions = tifa.find_slogans("今年的甲乙丙丁和两个维护。", lexicon=lexicon, discovery=False)
        self.assertEqual([m["canonical"] for m in mentions], ["甲乙丙丁"])
        self.assertEqual(mentions[0]["category"], "test")
        self.assertEqual((mentions[0]["char_start"], mentions[0]["char_end"]), (3, 7))

    def test_merged_lexicon_adds_to_the_builtin_one(self):
        mine = tifa.Lexicon.from_string("canonical\n甲乙丙丁\n")
        both = tifa.Lexicon.builtin().merged(mine)
        mentions = tifa.find_slogans("今年的甲乙丙丁和“两个维护”。", lexicon=both, discovery=False)
        self.assertEqual([m["canonical"] for m in mentions], ["甲乙丙丁", "两个维护"])

    def test_options(self):
        text = "做好“六稳”“六保”工作"
        self.assertEqual(len(tifa.find_slogans(text, slogans=True)), 2)
        with self.assertRaises(tifa.TifaError):
            tifa.find_slogans(text, min_confidence="sometimes")


if __name__ == "__main__":
    unittest.main(verbosity=2)
