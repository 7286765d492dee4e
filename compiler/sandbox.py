"""What a template may do: run in Jinja's immutable sandbox, within a budget, and emit only a few tags.

A ``--templates`` folder is code from outside printpack, so every template (the built-in ones
too: one kind of environment) runs in :class:`BudgetedSandbox`. Jinja's sandbox blocks
``__globals__`` and friends and caps ``range()``, but it is no resource limit (PITFALLS.md §6).
The budget is counted, not timed, so it needs no signal, thread or clock and stops the same
template at the same place in every process:

* **steps**: every call, attribute or item lookup, intercepted operator, loop iteration and
  output counts one step (and one more per kilobyte it produces); a phrase may take
  :data:`MAX_STEPS`. Every ``{% for %}`` loop is compiled to count its iterations, so nested
  loops cannot hide work.
* **sizes**: no text, list or mapping a template makes may be longer than :data:`MAX_SIZE`
  characters written out. A structure is measured all the way down (``[[0] * 1000] * 1000`` is
  a million items, however few objects it is made of), counting stops just past the limit, and
  the counting itself costs steps, so measuring is bounded too. The operations whose result grows
  with their data are checked *before* they run, so nothing large is ever built: ``*`` (the
  operand's whole size times the count), ``+``, ``~``, lists and mappings written in a template
  (``[a, a, a]``), ``%``, ``str.format``/``format_map`` and the ``format`` filter (every field
  no wider than :data:`MAX_FIELD_WIDTH`, widths given as ``*`` or nested fields such as
  ``{0:>{1[0]}}`` included, and the fields together within the size), ``center``,
  ``replace``, ``join``, ``sum``, ``batch``, ``slice``, ``indent``, ``wordwrap``, ``tojson``,
  ``pprint``... Every other result is checked after, and can be larger than the limit only by a
  fixed factor (escaping, ``urlize``). Numbers given as widths or counts may not exceed
  :data:`MAX_SIZE`, and numbers are capped at :data:`MAX_INT_BITS` bits. A filter pays a step for
  each :data:`_FILTERED_CHARACTERS_PER_STEP` characters it is given, so slow ones (``urlize``,
  ``striptags``) cannot run over long texts for minutes.
* **depth**: macros (and recursive loops) may nest :data:`MAX_DEPTH` calls deep.

A template that exceeds the budget raises :class:`BudgetExceeded`, which :mod:`compiler.wording`
turns into a located problem. Its output is then checked by :func:`markup_problems`: the tags a
phrase may hand to ReportLab are a fixed set (:data:`ALLOWED_TAGS`), so a template can never
make ReportLab open a file (``<img src>``), link (``<a href>``), number (``<seq>``) or run a
callback (``<onDraw>``). A phrase that passes is then read by ReportLab's own parser, so markup
it cannot read is a problem too, never an error stopping the build.
"""

from __future__ import annotations

import inspect
import math
import re
import unicodedata
from collections.abc import (
    Callable,
    Collection,
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    Sequence,
    ValuesView,
)
from functools import cache, update_wrapper, wraps
from html.parser import HTMLParser
from typing import Any, Protocol

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from jinja2.utils import Cycler, Namespace
from markupsafe import Markup
from pydantic import BaseModel

MAX_STEPS = 100_000
MAX_SIZE = 100_000
MAX_FIELD_WIDTH = 1_000
MAX_INT_BITS = 4_096
MAX_DEPTH = 64
# A template file is read whole before it is compiled: a larger one is refused unread.
MAX_TEMPLATE_BYTES = 1024 * 1024
# What <font size> a phrase may set, in points.
MIN_FONT_SIZE, MAX_FONT_SIZE = 4, 72
# Measuring a structure looks at one value after another: each _VISITS_PER_STEP values it looks at,
# and each _CHARACTERS_PER_STEP characters it finds, cost a step, so measuring is paid for too.
_VISITS_PER_STEP = 64
_CHARACTERS_PER_STEP = 1_024
# Filters read text in Python (urlize, striptags, wordwrap...): each _FILTERED_CHARACTERS_PER_STEP
# characters they are given cost a step, so a loop cannot run them over long texts for minutes.
_FILTERED_CHARACTERS_PER_STEP = 64
# What printf-style and str.format fields of numbers may add beyond the width: the digits of a
# float as large as 1e308.
_FLOAT_DIGITS = 320
_NUMBER_CONVERSIONS = frozenset("diouxXeEfFgGc")


class BudgetExceeded(jinja2.TemplateRuntimeError):
    """A template went over its budget of steps, size or depth."""


def _parts(value: Any) -> Collection[Any] | None:
    """The values ``value`` holds and writes out with its own text (``None`` for a plain value)."""
    if isinstance(value, str):
        return None
    if isinstance(value, list | tuple | set | frozenset | KeysView | ValuesView | ItemsView):
        return value
    if isinstance(value, dict):
        return value.items()
    if isinstance(value, Namespace):  # its repr shows every attribute it was given
        return value._Namespace__attrs.items()  # type: ignore[no-any-return]
    if isinstance(value, Cycler):
        return value.items
    if isinstance(value, BaseModel):
        return value.__dict__.items()
    return None


def _plain_size(value: Any) -> int:
    """About how many characters ``str(value)`` takes, for a value that holds no others."""
    if isinstance(value, str | bytes | bytearray):
        return len(value)
    if isinstance(value, memoryview):
        return value.nbytes
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() * 3 // 10 + 2  # its digits and a sign
    return 24  # a float, a date, a range, a macro...


def _text_size(value: Any, cap: int, indent: int = 0) -> tuple[int, int]:
    """About how many characters ``value`` takes written out, and how many values were looked at.
    A structure counts all it holds, all the way down (a list repeated inside another counts each
    time), 2 characters an item for the separators and ``indent`` more an item per level of
    nesting (as ``tojson`` and ``pprint`` indent). Counting stops once past ``cap``, so it looks at
    no more than about ``cap`` values, however the structure repeats itself."""
    size = visits = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack and size <= cap:
        item, depth = stack.pop()
        visits += 1
        parts = _parts(item)
        if parts is None:
            size += _plain_size(item)
            continue
        size += 2 + (2 + indent * (depth + 1)) * len(parts)
        if size <= cap:
            stack.extend((part, depth + 1) for part in parts)
    return size, visits


class _Budget:
    """What one phrase has spent so far."""

    __slots__ = ("depth", "max_size", "max_steps", "max_written", "steps", "written")

    def __init__(self, scale: int = 1) -> None:
        self.steps = self.depth = self.written = 0
        self.max_steps = MAX_STEPS * scale
        self.max_written = self.max_size = MAX_SIZE * scale

    def spend(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > self.max_steps:
            raise BudgetExceeded(f"the template takes more than {self.max_steps:,} steps (a loop too long or nested "
                                 "too deep?)")

    def write(self, characters: int) -> None:
        self.written += characters
        self.spend(1 + characters // _CHARACTERS_PER_STEP)
        if self.written > self.max_written:
            raise BudgetExceeded(f"the template writes more than {self.max_written:,} characters")

    def measure(self, value: Any, indent: int = 0) -> int:
        """About how many characters ``value`` takes written out (:func:`_text_size`), paying for
        the counting in steps; past :attr:`max_size` the count stops and is only a lower bound."""
        size, visits = _text_size(value, self.max_size, indent)
        self.spend(visits // _VISITS_PER_STEP + size // _CHARACTERS_PER_STEP)
        return size

    def check(self, value: Any, what: str = "a value") -> Any:
        """``value`` itself, if it is within the size limits."""
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            raise BudgetExceeded(f"a number of {value.bit_length():,} bits is larger than the limit of "
                                 f"{MAX_INT_BITS:,}")
        size = self.measure(value)
        if size > self.max_size:
            raise BudgetExceeded(f"{what} of more than {self.max_size:,} characters or items (counted all the way "
                                 "down) is larger than the limit")
        return value

    def check_estimate(self, size: float, what: str) -> None:
        """Refuse an operation that would make ``size`` characters or items, before it runs."""
        if size > self.max_size:
            raise BudgetExceeded(f"{what} would make {size:,.0f} characters or items, more than the limit of "
                                 f"{self.max_size:,}")


def _check_width(number: Any, what: str) -> int:
    """``number``, a field's width or precision, if it is within :data:`MAX_FIELD_WIDTH`."""
    if not isinstance(number, int):
        return 0  # not a width at all: the formatting itself reports it
    if abs(number) > MAX_FIELD_WIDTH:
        raise BudgetExceeded(f"{what} asks for a field {abs(number):,} wide, more than the limit of "
                             f"{MAX_FIELD_WIDTH:,}")
    return abs(number)


def _spec_widths(spec: str, what: str) -> int:
    """The sum of the widths and precisions a ``str.format`` field spec names, each within the limit."""
    return sum(_check_width(int(number), what) for number in re.findall(r"\d+", spec))


def _number_at(text: str, index: int) -> tuple[str, int]:
    """The digits, or the ``*``, at ``index`` of ``text``, and where they end."""
    if text[index:index + 1] == "*":
        return "*", index + 1
    end = index
    while end < len(text) and text[end].isdigit():
        end += 1
    return text[index:end], end


def _percent_fields(text: str) -> Iterator[tuple[str | None, str, str, str]]:
    """The conversions of a printf-style format as Python reads them (``Objects/unicodeobject.c``):
    ``(mapping key or None, width, precision, conversion)``; a width or precision is digits, ``*``
    or empty. A mapping key may hold balanced parentheses, as Python allows."""
    index = text.find("%")
    while index != -1:
        index += 1
        key = None
        if text[index:index + 1] == "(":
            depth, start = 0, index
            while index < len(text):
                depth += {"(": 1, ")": -1}.get(text[index], 0)
                index += 1
                if depth == 0:
                    break
            key = text[start + 1:index - 1]
        while index < len(text) and text[index] in "-+ #0":
            index += 1
        width, index = _number_at(text, index)
        precision = ""
        if text[index:index + 1] == ".":
            precision, index = _number_at(text, index + 1)
        while index < len(text) and text[index] in "hlL":
            index += 1
        yield key, width, precision, text[index:index + 1]
        index = text.find("%", index + 1)


def _percent_size(text: str, values: Any, measure: Callable[[Any], int], what: str) -> float:
    """At most how many characters ``text % values`` makes: each field's width, precision and
    value, the widths (``*`` ones taken from ``values`` too) each within :data:`MAX_FIELD_WIDTH`."""
    positional = iter(values if isinstance(values, tuple) else (values,))
    size = len(text)
    for key, width, precision, conversion in _percent_fields(text):
        if conversion == "%":
            continue
        for number in (width, precision):
            size += _check_width(next(positional, None) if number == "*" else int(number or 0), what)
        if key is None:
            value = next(positional, None)
        else:
            value = values.get(key) if isinstance(values, dict) else values
        size += measure(value) + (_FLOAT_DIGITS if conversion in _NUMBER_CONVERSIONS else 0)
    return size


def _check_numbers(args: Iterable[Any], what: str) -> None:
    """Numbers given to a filter or a text method are widths and counts: each must be within the limit."""
    for value in args:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise BudgetExceeded(f"{what} was given the number {value:,}, larger than the limit of {MAX_SIZE:,}")


def _lines(text: Any) -> int:
    return str(text).count("\n") + 1


def _replaced_size(text: str, old: Any, new: Any, count: Any) -> int:
    occurrences = len(text) + 1 if str(old) == "" else text.count(str(old))
    if isinstance(count, int) and count >= 0:
        occurrences = min(occurrences, count)
    return len(text) + occurrences * len(str(new))


def _summed_size(items: list[Any], start: Any, measure: Callable[[Any], int]) -> int:
    """What ``sum`` of texts or lists makes (numbers add no size)."""
    return measure([item for item in items if not isinstance(item, int | float)]) + measure(start)


def _filled_size(value: Any, count: Any, fill: Any, measure: Callable[[Any], int]) -> int:
    """What ``batch`` and ``slice`` make: the items in new lists, and up to ``count`` fillers."""
    size: int = 2 * measure(value) + count * (2 + (measure(fill) if fill is not None else 0))
    return size


_Measure = Callable[..., int]
# What each size-multiplying filter or text method would make, from its arguments named as its
# parameters are (``self`` is the text of a method) and a measure of values, before it runs. The
# arguments were measured first, so ``str()`` of them is within a small factor of the limit.
_ESTIMATES: dict[str, Callable[[dict[str, Any], _Measure], float]] = {
    "center": lambda a, m: max(m(a.get("value", a.get("self", ""))), a.get("width", 80)),
    "ljust": lambda a, m: max(len(a["self"]), a["width"]),
    "rjust": lambda a, m: max(len(a["self"]), a["width"]),
    "zfill": lambda a, m: max(len(a["self"]), a["width"]),
    "expandtabs": lambda a, m: len(a["self"]) + a["self"].count("\t") * a.get("tabsize", 8),
    # a character can map to a text of any length
    "translate": lambda a, m: len(a["self"]) * max([1, *map(_mapped_size, _table_values(a["table"]))]),
    "replace": lambda a, m: _replaced_size(str(a.get("s", a.get("self", ""))), a["old"], a["new"], a.get("count")),
    "indent": lambda a, m: m(a["s"]) + _lines(a["s"]) * _size_or_number(a.get("width", 4)),
    "wordwrap": lambda a, m: m(a["s"]) * (1 + m(a.get("wrapstring") or "\n") / max(1, a.get("width", 79)))
    + _lines(a["s"]),
    "join": lambda a, m: m(items := a.get("iterable", a.get("value", ()))) + m(a.get("d", a.get("self", "")))
    * max(len(items) - 1, 0),
    "sum": lambda a, m: _summed_size(a["iterable"], a.get("start", 0), m),
    "batch": lambda a, m: _filled_size(a["value"], a["linecount"], a.get("fill_with"), m),
    "slice": lambda a, m: _filled_size(a["value"], a["slices"], a.get("fill_with"), m),
    # JSON writes a character as up to 6 (\u003c), and indents each item by its depth
    "tojson": lambda a, m: 6 * m(a["value"], _size_or_number(a.get("indent") or 0)),
    "pprint": lambda a, m: 4 * m(a["value"], 1),  # repr escapes a character as up to 4 (\x00)
}
# The ones that read an iterable, which must then be read into a list first.
_READS_ITEMS = frozenset({"join", "sum"})
# str.format and format_map check their fields as they format them (_BudgetedFormatter).
_FORMATS_ITSELF = frozenset({"format", "format_map"})


_PASSED_ARGUMENTS = frozenset({("context",), ("eval_ctx",), ("environment",)})


def _table_values(table: Any) -> Iterable[Any]:
    """What a ``str.translate`` table maps characters to."""
    return table.values() if isinstance(table, Mapping) else table


def _mapped_size(value: Any) -> int:
    """How long the text is that ``str.translate`` puts for a character mapped to ``value``."""
    return len(value) if isinstance(value, str) else 1


def _size_or_number(value: Any) -> int:
    return value if isinstance(value, int) else len(str(value))


@cache
def _parameter_names(function: Callable[..., Any]) -> tuple[str, ...]:
    try:
        names = tuple(inspect.signature(function).parameters)
    except ValueError:  # a built-in without a signature, such as str.format: it takes (self, *args)
        return ("self",)
    if getattr(function, "jinja_pass_arg", None) is not None and names[:1] not in _PASSED_ARGUMENTS:
        return ("", *names)  # an async variant (slice): its signature is the sync one's, without the context
    return names


def _named(function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The arguments as the function's parameters name them (what ``Signature.bind`` gives, at a
    fraction of its cost; arguments that do not fit make the call itself fail afterwards)."""
    return {**dict(zip(_parameter_names(function), args, strict=False)), **kwargs}


def _materialised(args: tuple[Any, ...], index: int, step: Callable[[], None]) -> tuple[Any, ...]:
    """``args`` with the iterable at ``index`` read into a list (counting one step an item), so
    its size is known before a join or sum and it can still be read afterwards."""
    if len(args) <= index or isinstance(args[index], str):
        return args
    items = []
    for item in args[index]:
        step()
        items.append(item)
    return (*args[:index], items, *args[index + 1:])


class _CountingCodeGenerator(CodeGenerator):
    """Jinja's code generator with hooks of the budget compiled in: every ``{% for %}`` iterates
    through :meth:`BudgetedSandbox.counted`, every ``~`` concatenation is measured before it is
    joined, and every list, tuple and mapping written in a template is measured when it is
    built (``[a, a]`` holds ``a`` twice: none of these is an operator the sandbox intercepts)."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        node.iter = nodes.Call(nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None,
                               lineno=node.iter.lineno)
        super().visit_For(node, frame)

    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        """Template text counts as written each time it is written: in a loop, a macro or a
        template included (``{% include %}`` in a loop writes the included text each time)."""
        literal = sum(len(child.data) for child in node.nodes if isinstance(child, nodes.TemplateData))
        if literal:
            self.writeline(f"environment.budget.write({literal})")
        super().visit_Output(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concatenated((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("), ")
        if frame.eval_ctx.volatile:
            self.write("(markup_join if context.eval_ctx.volatile else str_join))")
        else:
            self.write("markup_join)" if frame.eval_ctx.autoescape else "str_join)")

    def _built(self, visit: Callable[[Any, Frame], None], node: nodes.Expr, frame: Frame) -> None:
        self.write("environment.built(")
        visit(node, frame)
        self.write(")")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self._built(super().visit_List, node, frame)

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self._built(super().visit_Dict, node, frame)

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx == "load":
            self._built(super().visit_Tuple, node, frame)
        else:  # the names of a {% for a, b in ... %} or {% set a, b = ... %}
            super().visit_Tuple(node, frame)


class _BudgetedFormatter(SandboxedFormatter):
    """Jinja's sandboxed ``str.format``, checking each field before it formats it: the widths
    and precisions its spec names (nested fields such as ``{0:>{1[0]}}`` already filled in) and
    the size of the whole text so far."""

    def __init__(self, env: BudgetedSandbox, **kwargs: Any) -> None:
        super().__init__(env, **kwargs)
        self._budget = env.budget
        self._written = 0

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        self._written = len(format_string)
        return super().vformat(format_string, args, kwargs)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if conversion:  # repr() or ascii() of the value
            self._budget.check_estimate(self._written + 6 * self._budget.measure(value), "format()")
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        extra = _spec_widths(format_spec, "format()") + (_FLOAT_DIGITS if isinstance(value, float) else 0)
        self._budget.check_estimate(self._written + self._budget.measure(value) + extra, "format()")
        text = super().format_field(value, format_spec)
        self._written += len(text)
        return text


class _BudgetedEscapeFormatter(_BudgetedFormatter, SandboxedEscapeFormatter):
    """The same, for ``Markup.format``, which escapes what it formats."""


class BudgetedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with a budget of steps, sizes and depth for each phrase."""

    code_generator_class = _CountingCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=self._output, **options)
        self.budget = _Budget()
        self.globals["range"] = self._range
        del self.globals["lipsum"]  # placeholder paragraphs: no phrase needs them, and they can be long
        self.filters = {name: self._budgeted_filter(name, function) for name, function in self.filters.items()}

    def fresh_budget(self, scale: int = 1) -> None:
        """Start the budget of a new phrase (``scale`` times the usual one for a whole page)."""
        self.budget = _Budget(scale)

    # Hooks compiled into every template by _CountingCodeGenerator

    def counted(self, iterable: Any) -> Iterator[Any]:
        """``iterable``, counting a step for each item a loop takes."""
        for item in iterable:
            self.budget.spend()
            yield item

    def concatenated(self, parts: tuple[Any, ...], join: Callable[[Iterable[Any]], Any]) -> Any:
        """``parts`` joined by ``~`` (with ``join``), if they are within the size limit together."""
        self.budget.check_estimate(sum(self.budget.measure(part) for part in parts), "a text joined with ~")
        return self.budget.check(join(parts), "a text joined with ~")

    def built(self, value: Any) -> Any:
        """A list, tuple or mapping written in a template, if it is within the size limit."""
        return self.budget.check(value, "a list or mapping")

    # The sandbox's own hooks

    def _output(self, value: Any) -> Any:
        """Every ``{{ value }}`` written out, counted against the phrase's size before it is made text."""
        self.budget.write(self.budget.measure(value))
        return value

    def _range(self, *args: int) -> range:
        self.budget.spend()
        result = range(*args)
        self.budget.check_estimate(len(result), "range()")
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed ``str.format`` and ``format_map``, with each field checked before it is
        formatted (:class:`_BudgetedFormatter`). Jinja's own version with the formatter swapped."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__
        formatter = (_BudgetedEscapeFormatter(self, escape=text.escape) if isinstance(text, Markup)
                     else _BudgetedFormatter(self))
        is_format_map = value.__name__ == "format_map"

        def budgeted(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    return wrapped(*args, **kwargs)  # Jinja's own error for a wrong call
                (kwargs,), args = args, ()
            formatted: str = type(text)(formatter.vformat(text, args, kwargs))  # Markup stays Markup
            return formatted

        return update_wrapper(budgeted, value)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's rules, and of a pydantic model (``labels``) only its fields (declared, or the
        words a catalogue's keys name): its methods include ``parse_file``, which reads (and can
        unpickle) any file. Templates make text, so
        ``encode`` and every method of bytes are refused too: bytes escape the size checks, which
        count characters, and codecs such as punycode take quadratic time in one call."""
        if isinstance(obj, BaseModel) and attr not in type(obj).model_fields and attr not in (obj.model_extra or {}):
            return False
        if attr == "encode" or isinstance(obj, bytes | bytearray | memoryview):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.spend()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.spend()
        return super().getitem(obj, argument)

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        self.budget.spend()
        _check_binop(self.budget, operator, left, right)
        return self.budget.check(super().call_binop(context, operator, left, right), f"the result of {operator}")

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        budget = self.budget
        budget.spend()
        if budget.depth >= MAX_DEPTH:
            raise BudgetExceeded(f"macros call each other more than {MAX_DEPTH} deep (a macro that calls itself "
                                 "without end?)")
        method = getattr(obj, "__wrapped__", obj)
        if isinstance(getattr(method, "__self__", None), str) and method.__name__ not in _FORMATS_ITSELF:
            args = self._checked_text_method(method, args, kwargs)
        budget.depth += 1
        try:
            result = super().call(context, obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        return budget.check(result, f"the result of {getattr(method, '__name__', 'a call')}()")

    def _checked_text_method(self, method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        """The arguments of a text method such as ``'x'.center(n)``, checked before it runs."""
        name = method.__name__
        for value in (method.__self__, *args, *kwargs.values()):
            self.budget.check(value, f"a value given to {name}()")
        _check_numbers([*args, *kwargs.values()], f"{name}()")
        if name in _READS_ITEMS:
            args = _materialised(args, 0, self.budget.spend)
        if name in _ESTIMATES:
            self._estimate(name, getattr(str, name), (method.__self__, *args), kwargs)
        return args

    def _estimate(self, name: str, function: Callable[..., Any], args: tuple[Any, ...],
                  kwargs: dict[str, Any]) -> None:
        """Refuse a call of the size-multiplying ``function`` whose result would be over the limit.
        Arguments that do not fit its parameters are left for the call itself to report."""
        try:
            size = _ESTIMATES[name](_named(function, args, kwargs), self.budget.measure)
        except (KeyError, TypeError, ValueError):
            return
        self.budget.check_estimate(size, f"{name}()")

    def _budgeted_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """``function`` (the filter ``name``) counting a step, with its arguments checked before it
        runs and its result after."""
        first = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0  # the filtered value

        @wraps(function)
        def budgeted(*args: Any, **kwargs: Any) -> Any:
            self.budget.spend(sum(self.budget.measure(value) for value in (*args[first:], *kwargs.values()))
                              // _FILTERED_CHARACTERS_PER_STEP)
            for value in (*args[first:], *kwargs.values()):
                self.budget.check(value, f"a value given to the filter {name}")
            if name == "format":  # its arguments are the values to format, not widths
                if len(args) > first and isinstance(args[first], str):
                    self.budget.check_estimate(_percent_size(args[first], kwargs or args[first + 1:],
                                                             self.budget.measure, "format()"), "format()")
            else:
                _check_numbers([*args[first + 1:], *kwargs.values()], f"the filter {name}")
            if name in _READS_ITEMS:
                args = _materialised(args, first, self.budget.spend)
            if name in _ESTIMATES:
                self._estimate(name, function, args, kwargs)
            return self.budget.check(function(*args, **kwargs), f"the result of the filter {name}")

        return budgeted


def _check_binop(budget: _Budget, operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**``, ``+`` and ``%`` whose result would be over the limits, before computing it.
    A repetition counts all its operand holds: ``[[0] * 1000] * 1000`` is a million items."""
    sequence = (str, list, tuple)
    if operator == "*":
        for sized, count in ((left, right), (right, left)):
            if isinstance(sized, sequence) and isinstance(count, int):
                budget.check_estimate(budget.measure(sized) * max(count, 0), "the repetition *")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise BudgetExceeded(f"a product of more than {MAX_INT_BITS:,} bits is larger than the limit")
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
        if right * math.log2(abs(left)) > MAX_INT_BITS:
            raise BudgetExceeded(f"a power of more than {MAX_INT_BITS:,} bits is larger than the limit")
    elif operator == "+" and isinstance(left, sequence) and isinstance(right, sequence):
        budget.check_estimate(budget.measure(left) + budget.measure(right), "the sum +")
    elif operator == "%" and isinstance(left, str):
        budget.check_estimate(_percent_size(left, right, budget.measure, "the format %"), "the format %")


class _Value(Protocol):
    accepts: str

    def fullmatch(self, value: str) -> object: ...


@cache
def _named_colours() -> frozenset[str]:
    """The colour names ReportLab knows (it reads them in any case). Imported only when a phrase
    names a colour, so checking a unit does not load ReportLab."""
    from reportlab.lib.colors import getAllNamedColors

    return frozenset(name for name in getAllNamedColors() if name.isalpha() and name.islower())


class _Colour:
    """``#rgb``, ``#rrggbb`` or a colour name ReportLab knows: any other word (``javascript``)
    would stop ReportLab with "Invalid color value". Not ``transparent``: it hides the text on
    any background. (A light colour may be meant for a dark band, so it is left to the school.)"""

    accepts = "a colour such as #1d4e89 or navy (not transparent)"
    _HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?")

    def fullmatch(self, value: str) -> bool:
        if self._HEX.fullmatch(value):
            return True
        return value.lower() in _named_colours() and value.lower() != "transparent"


class _Points:
    """A font size in points a reader can read and a page can hold: from :data:`MIN_FONT_SIZE`
    to :data:`MAX_FONT_SIZE` (size 0 hides the text, 99 pt around a sentence is taller than a page)."""

    accepts = f"a size from {MIN_FONT_SIZE} to {MAX_FONT_SIZE} points, such as 9 or 10.5"
    _NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})?")

    def fullmatch(self, value: str) -> bool:
        return bool(self._NUMBER.fullmatch(value)) and MIN_FONT_SIZE <= float(value) <= MAX_FONT_SIZE


# ReportLab paragraph markup a phrase may contain: the tags the built-in templates and unit text
# use, and simple styling a school may want. Each tag lists the attributes it may carry and what
# their values may look like.
_COLOUR = _Colour()
ALLOWED_TAGS: dict[str, dict[str, _Value]] = {
    "b": {}, "i": {}, "u": {}, "strike": {}, "sub": {}, "super": {}, "sup": {}, "br": {},
    "font": {"color": _COLOUR, "size": _Points()},
}
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_VOID = frozenset({"br"})


class _MarkupChecker(HTMLParser):
    """Reads a phrase the way ReportLab's paragraph parser does (it is an ``HTMLParser`` too, with
    the same settings), collecting what is not allowed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:  # ReportLab reads <br> as opening a tag that holds nothing
            self.problems.append(f"write <{tag}/>, with the slash")
        elif self._start(tag, attrs):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """Whether ``tag`` is allowed (its attributes may still not be)."""
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"the tag <{tag}> is not allowed")
            return False
        for name, value in attrs:
            pattern = ALLOWED_TAGS[tag].get(name)
            if pattern is None:
                self.problems.append(f"the attribute '{name}' of <{tag}> is not allowed")
            elif value is None or not pattern.fullmatch(value):
                self.problems.append(f"<{tag} {name}=\"{value}\"> is not a value printpack accepts: {pattern.accepts}")
        return True

    def handle_endtag(self, tag: str) -> None:
        """An end tag is checked as a start tag is: ReportLab fails on ``</para>``, ``</a>``,
        ``</img>`` or ``</br>`` even where it has no start."""
        if tag in _VOID:
            self.problems.append(f"</{tag}> is not a tag ReportLab reads: write <{tag}/>")
        elif tag not in ALLOWED_TAGS:
            self.problems.append(f"the tag </{tag}> is not allowed")
        elif not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes a tag that is not open")
        else:
            self.open.pop()

    def handle_entityref(self, name: str) -> None:
        if name not in _XML_ENTITIES:
            self.problems.append(f"the entity &{name}; is not allowed")

    def handle_charref(self, name: str) -> None:
        try:
            character = chr(int(name[1:], 16) if name[:1] in "xX" else int(name))
        except (ValueError, OverflowError):
            character = "\x00"
        if unicodedata.category(character) in ("Cc", "Cs", "Co", "Cn"):  # control, surrogate, private, unassigned
            self.problems.append(f"the character reference &#{name}; is not a printable character")

    def handle_comment(self, data: str) -> None:
        self.problems.append("comments (<!-- -->) are not allowed")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"the declaration <!{decl}> is not allowed")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"<![{data}]]> is not allowed")

    def handle_pi(self, data: str) -> None:
        self.problems.append(f"the processing instruction <?{data}> is not allowed")


def markup_problems(text: str) -> list[str]:
    """What in ``text``, a phrase about to become ReportLab paragraph markup, is not allowed:
    a tag or attribute outside :data:`ALLOWED_TAGS`, an entity other than XML's five, a tag left
    open or closed twice. Unit text arrives escaped (``&lt;img&gt;``), so it is never a tag."""
    if "<" not in text and "&" not in text:
        return []
    checker = _MarkupChecker()
    checker.feed(text)
    if checker.rawdata:  # what the parser holds back: the start of a tag that never ends
        checker.problems.append(f"'{checker.rawdata[:40]}' is unfinished (a tag or an entity without its end)")
    checker.problems.extend(f"<{tag}> is never closed" for tag in reversed(checker.open))
    return checker.problems or _reportlab_problems(text)


@cache
def _reportlab_parse() -> Callable[[str], object]:
    """ReportLab's own paragraph parser, reading a text as a paragraph would (imported on first
    use: a unit checked without drawing does not load ReportLab)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.paraparser import ParaParser

    style = ParagraphStyle("check")
    return lambda text: ParaParser().parse(text, style)  # type: ignore[no-untyped-call]  # not typed in its stubs


def _reportlab_problems(text: str) -> list[str]:
    """What ReportLab's parser says of a phrase that passed the allow-list, if it fails on it:
    the last guard, so a gap in the allow-list is still a problem naming the template, never an
    error stopping every unit. About 0.3 ms a phrase, only for phrases with markup."""
    try:
        parsed = _reportlab_parse()(text)
    except Exception as exc:  # noqa: BLE001 - ReportLab raises IndexError, AttributeError... for bad markup
        reason = str(exc).rpartition("caused exception ")[2].strip() or type(exc).__name__
        return [f"ReportLab cannot read it ({reason[:160]})"]
    if not isinstance(parsed, tuple) or parsed[0] is None:
        return ["ReportLab cannot read it"]
    return []
