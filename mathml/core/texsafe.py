"""Safe LaTeX from untrusted text: full escaping, a whitelist for math, Unicode mapped.

Theorem names, docstrings, reasons and error messages end up in documents that
are compiled.  `escape_text` escapes every special character (``\\ { } $ & %
# _ ^ ~``) and maps Unicode through a table (Greek letters and common symbols
via ``\\ensuremath``); `safe_math` keeps math written between ``$...$`` but
only with commands from `MATH_COMMANDS` and balanced braces, so that
``\\input{/etc/passwd}`` or an undefined macro can neither pull a file in nor
break compilation.  Nothing is replaced silently: a character or command that
cannot be kept is shown visibly (``[U+2603]``, ``\\backslash\\mathrm{input}``)
and recorded in `replacements`.

Examples
--------
>>> from mathml.core.texsafe import escape_text, prose
>>> print(escape_text(r"C:\\new\\test 100% {x}"))
C:\\textbackslash{}new\\textbackslash{}test 100\\% \\{x\\}
>>> print(prose(r"ν and $\\alpha^2$ but not $\\input{/etc/passwd}$"))
\\ensuremath{\\nu} and $\\alpha^2$ but not $\\backslash\\mathrm{input}{/etc/passwd}$
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["escape_text", "safe_math", "prose", "MATH_COMMANDS", "UNICODE_LATEX", "replacements"]

_GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi "
          "pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta "
          "Lambda Xi Pi Sigma Upsilon Phi Psi Omega").split()
#: Commands accepted inside ``$...$`` in prose (anything else is shown escaped).
MATH_COMMANDS = frozenset(_GREEK + """
    frac tfrac dfrac sqrt sum prod int iint oint lim limsup liminf sup inf max min arg det dim ker
    log ln exp sin cos tan cot sec csc sinh cosh tanh coth arcsin arccos arctan deg gcd Pr
    left right big Big bigg Bigg bigl bigr Bigl Bigr middle langle rangle lfloor rfloor lceil rceil
    cdot cdots ldots dots vdots ddots times div pm mp circ bullet star ast oplus otimes odot wedge vee
    cap cup bigcup bigcap setminus subset subseteq supset supseteq in notin ni emptyset varnothing
    le leq ge geq ne neq approx sim simeq cong equiv propto ll gg prec succ perp parallel mid
    to mapsto rightarrow leftarrow Rightarrow Leftarrow Leftrightarrow leftrightarrow longrightarrow
    iff implies uparrow downarrow nearrow searrow hookrightarrow
    forall exists nabla partial infty hbar ell imath jmath Re Im aleph prime top bot angle
    hat tilde bar vec dot ddot dddot widehat widetilde overline underline overbrace underbrace
    mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak boldsymbol operatorname text textrm
    textbf textit emph
    quad qquad displaystyle textstyle scriptstyle binom tbinom dbinom pmod bmod mod
    lvert rvert lVert rVert vert Vert backslash colon
    """.split())

#: Unicode characters mapped to LaTeX (text mode; math through ``\\ensuremath``).
UNICODE_LATEX = {
    **{unicodedata.lookup(f"GREEK SMALL LETTER {n.upper()}"): rf"\ensuremath{{\{n}}}"
       for n in "alpha beta gamma delta epsilon zeta eta theta iota kappa mu nu xi pi rho sigma tau "
                "upsilon phi chi psi omega".split()},
    "λ": r"\ensuremath{\lambda}", "ς": r"\ensuremath{\varsigma}", "ϕ": r"\ensuremath{\phi}",
    "ϵ": r"\ensuremath{\epsilon}", "ϑ": r"\ensuremath{\vartheta}",
    **{unicodedata.lookup(f"GREEK CAPITAL LETTER {n.upper()}"): rf"\ensuremath{{\{n}}}"
       for n in "Gamma Delta Theta Xi Pi Sigma Upsilon Phi Psi Omega".split()},
    "Λ": r"\ensuremath{\Lambda}",
    "ℏ": r"\ensuremath{\hbar}", "∂": r"\ensuremath{\partial}", "∇": r"\ensuremath{\nabla}",
    "∞": r"\ensuremath{\infty}", "∑": r"\ensuremath{\sum}", "∏": r"\ensuremath{\prod}",
    "∫": r"\ensuremath{\int}", "√": r"\ensuremath{\surd}", "±": r"\ensuremath{\pm}",
    "∓": r"\ensuremath{\mp}", "×": r"\ensuremath{\times}", "÷": r"\ensuremath{\div}",
    "·": r"\ensuremath{\cdot}", "∘": r"\ensuremath{\circ}", "⊗": r"\ensuremath{\otimes}",
    "⊕": r"\ensuremath{\oplus}", "∈": r"\ensuremath{\in}", "∉": r"\ensuremath{\notin}",
    "⊂": r"\ensuremath{\subset}", "⊆": r"\ensuremath{\subseteq}", "∪": r"\ensuremath{\cup}",
    "∩": r"\ensuremath{\cap}", "∅": r"\ensuremath{\emptyset}", "∀": r"\ensuremath{\forall}",
    "∃": r"\ensuremath{\exists}", "≤": r"\ensuremath{\le}", "≥": r"\ensuremath{\ge}",
    "≠": r"\ensuremath{\ne}", "≈": r"\ensuremath{\approx}", "≡": r"\ensuremath{\equiv}",
    "∼": r"\ensuremath{\sim}", "≃": r"\ensuremath{\simeq}", "∝": r"\ensuremath{\propto}",
    "≪": r"\ensuremath{\ll}", "≫": r"\ensuremath{\gg}", "→": r"\ensuremath{\to}",
    "←": r"\ensuremath{\leftarrow}", "↦": r"\ensuremath{\mapsto}", "⇒": r"\ensuremath{\Rightarrow}",
    "⇔": r"\ensuremath{\Leftrightarrow}", "↔": r"\ensuremath{\leftrightarrow}",
    "⟨": r"\ensuremath{\langle}", "⟩": r"\ensuremath{\rangle}", "‖": r"\ensuremath{\|}",
    "⊥": r"\ensuremath{\perp}", "†": r"\ensuremath{\dagger}", "′": r"\ensuremath{'}",
    "ℝ": r"\ensuremath{\mathbb{R}}", "ℂ": r"\ensuremath{\mathbb{C}}", "ℕ": r"\ensuremath{\mathbb{N}}",
    "ℤ": r"\ensuremath{\mathbb{Z}}", "ℚ": r"\ensuremath{\mathbb{Q}}", "ℓ": r"\ensuremath{\ell}",
    "°": r"\textdegree{}", "²": r"\textsuperscript{2}", "³": r"\textsuperscript{3}",
    "¹": r"\textsuperscript{1}", "⁻": r"\textsuperscript{-}", "½": r"\ensuremath{\tfrac12}",
    "…": r"\ldots{}", "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "„": ",,",
    "\u00a0": r"\nobreakspace{}", "§": r"\S{}", "¶": r"\P{}", "©": r"\copyright{}", "•": r"\ensuremath{\bullet}",
}
_MATH_SUPERSCRIPTS = {"°": r"^{\circ}", "²": "^{2}", "³": "^{3}", "¹": "^{1}", "⁻": "^{-}"}
# accented Latin letters: inputenc's utf8 maps them to accent commands in the default fonts
_ACCENTED = set("áàâäãåçéèêëíìîïñóòôöõúùûüýÿÁÀÂÄÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝßæÆøØœŒ")
_SPECIALS = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
             "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
             "<": "$<$", ">": "$>$", "|": r"$|$", "/": r"/\allowbreak{}"}

_ENVIRONMENTS = frozenset("matrix pmatrix bmatrix vmatrix Vmatrix smallmatrix cases aligned gathered".split())

#: What was shown escaped instead of kept (character or command, where); cleared by nobody:
#: read it after building a document to report the replacements.
replacements: list[str] = []


def _char(c: str) -> str:
    if c in _SPECIALS:
        return _SPECIALS[c]
    if c in UNICODE_LATEX:
        return UNICODE_LATEX[c]
    if c == "\n" or c == "\t":
        return " "
    if ord(c) < 32 or ord(c) == 127:
        return ""
    if ord(c) < 128 or c in _ACCENTED:
        return c
    code = f"U+{ord(c):04X}"
    replacements.append(f"character {c!r} ({unicodedata.name(c, code)}) shown as [{code}]")
    return r"\textsf{[" + code + "]}"


def escape_text(s: str) -> str:
    """Every character of ``s`` as LaTeX text: specials escaped, Unicode mapped.

    Examples
    --------
    >>> escape_text("a_b & $5 ~ ℏω")
    'a\\\\_b \\\\& \\\\$5 \\\\textasciitilde{} \\\\ensuremath{\\\\hbar}\\\\ensuremath{\\\\omega}'
    """
    text = str(s)
    # "->" reads as an arrow
    return "".join(_char(c) for c in text.replace("->", "→").replace("<=", "≤").replace(">=", "≥"))


_TOKEN = re.compile(r"\\([A-Za-z]+)|\\(.)|([%#&])|([^\x20-\x7e])", re.S)


def safe_math(s: str) -> str | None:
    """Math-mode content kept when every command is whitelisted and braces balance.

    Unknown commands are shown as ``\\backslash\\mathrm{name}`` and recorded;
    ``% # &`` are escaped, non-ASCII is mapped.  Returns None when the braces do
    not balance (the caller then escapes the whole text as prose).

    Examples
    --------
    >>> safe_math(r"\\frac{1}{2} \\alpha")
    '\\\\frac{1}{2} \\\\alpha'
    >>> safe_math(r"\\write18{rm}")
    '\\\\backslash\\\\mathrm{write}18{rm}'
    >>> safe_math("{x") is None
    True
    """
    depth = 0
    for m in re.finditer(r"\\.|[{}]", s, re.S):
        tok = m.group()
        depth += (tok == "{") - (tok == "}")
        if depth < 0:
            return None
    if depth:
        return None

    envs = re.findall(r"\\(?:begin|end)\s*\{([^{}]*)\}", s)
    in_env = bool(envs) and all(e in _ENVIRONMENTS for e in envs)

    def repl(m: re.Match) -> str:
        name, other, special, uni = m.groups()
        if name is not None:
            if name in MATH_COMMANDS or (in_env and name in ("begin", "end")):
                return m.group()
            replacements.append(f"command \\{name} shown escaped")
            return r"\backslash\mathrm{" + name + "}"
        if other is not None:
            if other in ",;:!{}|_%#&$ ":
                return m.group()
            if other == "\\" and in_env:
                return m.group()
            replacements.append(f"control symbol \\{other!r} shown escaped")
            return r"\backslash "
        if special is not None:
            return special if (special == "&" and in_env) else "\\" + special
        mapped = _MATH_SUPERSCRIPTS.get(uni) or UNICODE_LATEX.get(uni)
        if mapped and mapped.startswith(r"\ensuremath{"):
            return "{" + mapped[len(r"\ensuremath{"):-1] + "}"
        if mapped and uni in _MATH_SUPERSCRIPTS:
            return mapped
        if uni in ("\n", "\t", "\r"):
            return " "
        code = f"U+{ord(uni):04X}"
        replacements.append(f"character {uni!r} in math shown as [{code}]")
        return r"\text{[" + code + "]}"

    return _TOKEN.sub(repl, s)


def prose(s: str) -> str:
    """Text with ``$...$`` math: math kept through `safe_math`, the rest escaped.

    ``$$...$$`` is read as ``$...$``; an odd number of ``$`` makes everything prose.

    Examples
    --------
    >>> prose("Köppen's ψ_k is 100% monotone for $x_1 < x_2$")
    "Köppen's \\\\ensuremath{\\\\psi}\\\\_k is 100\\\\% monotone for $x_1 < x_2$"
    """
    s = str(s).replace("$$", "$").replace(r"\$", "\0")
    parts = s.split("$")
    if len(parts) % 2 == 0:
        return escape_text(s.replace("\0", "$"))
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            math = safe_math(part.replace("\0", r"\$"))
            out.append("$" + math + "$" if math is not None else escape_text("$" + part + "$"))
        else:
            out.append(escape_text(part.replace("\0", "$")))
    return "".join(out)
