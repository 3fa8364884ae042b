"""Each assumption timeline/ui/compat.py names, checked against the installed Streamlit; and that nothing else in
the project relies on Streamlit's internals behind its back.

The front end's facts are read from its built bundle (``streamlit/static/static/js``), minified as shipped: a check
that fails after an upgrade means "look again at what this version does", then update compat.py and this test.
Each check also refuses a value Streamlit never had, so none can pass by matching anything.
"""

from __future__ import annotations

import ast
import inspect
import json
import mimetypes
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from tests.html_parts import Elements
from timeline.render import STATIC
from timeline.settings import PROJECT_ROOT
from timeline.ui import compat

BUNDLE = compat.front_end_dir() / "static" / "js"
MADE_UP = "stNoSuchElement"


@cache
def chunks() -> dict[str, str]:
    """The front end's JavaScript files by name (hashed names change with every release)."""
    return {path.name: path.read_text(encoding="utf-8", errors="replace") for path in BUNDLE.glob("*.js")}


def bundle() -> str:
    return "\n".join(chunks().values())


def chunk_with(*marks: str) -> str:
    """The one file of the front end that holds every mark."""
    found = [text for text in chunks().values() if all(mark in text for mark in marks)]
    assert len(found) == 1, f"{len(found)} front-end files hold {marks}"
    return found[0]


def function_body(source: str, name: str, length: int = 1500) -> str:
    """The start of the arrow function assigned to ``name`` (``this.name=(...)=>{...}``) in minified source."""
    match = re.search(rf"\b{re.escape(name)}=\(?\w*\)?=>\{{", source)
    assert match, f"no function {name} in the front end"
    return source[match.end():match.end() + length]


# --- what the front end marks its elements with -----------------------------------------------------------------


def sets_test_id(test_id: str) -> bool:
    """The front end has ``test_id`` as a string of its own, other than a class name (``stAppToolbar`` is a class
    on the element whose test id is ``stToolbar``)."""
    return re.search(rf"(?<!className:)[`\"']{re.escape(test_id)}[`\"']", bundle()) is not None


def has_class(name: str) -> bool:
    return re.search(rf"[`\"' ]{re.escape(name)}[`\"' ]", bundle()) is not None


def test_the_checks_refuse_what_streamlit_never_had():
    assert not sets_test_id(MADE_UP) and not has_class(MADE_UP)
    assert not sets_test_id("stAppToolbar")  # a class name only


@pytest.mark.parametrize("test_id", list(compat.TestId))
def test_each_declared_test_id_is_one_the_front_end_sets(test_id):
    assert sets_test_id(test_id.value)
    assert test_id.selector == f'[data-testid="{test_id.value}"]'


def test_the_test_ids_the_tests_and_benchmarks_wait_on_are_the_front_end_s():
    """They drive the browser, not the page (so compat does not declare them), but a stale one makes a browser
    test pass on nothing or wait until it times out."""
    test_ids, attributes = set(), set()
    for path in ours("tests/**/*.py", "benchmarks/**/*.py", "benchmarks/**/*.js"):
        text = path.read_text(encoding="utf-8")
        test_ids |= set(re.findall(r'data-testid=\\?"(\w+)', text)) - {MADE_UP}
        attributes |= set(re.findall(r"data-test-[a-z-]+", text))
    assert "stApp" in test_ids and "data-test-script-state" in attributes
    assert [test_id for test_id in test_ids if not sets_test_id(test_id)] == []
    assert [name for name in attributes if not re.search(rf"[`\"']{name}[`\"']", bundle())] == []


@pytest.mark.parametrize("name", list(compat.StClass))
def test_each_declared_class_is_one_the_front_end_sets(name):
    assert has_class(name.value)


def test_element_containers_carry_data_stale():
    container = chunk_with('"data-testid":`stElementContainer`')
    assert re.search(r'"data-testid":`stElementContainer`,"data-stale":\w', container)
    assert compat.StateAttribute.STALE == '[data-stale="true"]'


def test_buttons_carry_their_type_as_kind():
    """``st.button(type="primary")`` draws a button whose ``kind`` attribute is ``primary``."""
    assert re.search(r"\.PRIMARY=`primary`", bundle())
    button = chunk_with('"data-testid":e[`data-testid`]??`stBaseButton-${')
    assert re.search(r"\(\w+,\{ref:\w+,kind:\w+,", button)  # kind goes on to the element drawn
    assert compat.StateAttribute.PRIMARY_BUTTON == '[kind="primary"]'


def test_pills_mark_the_chosen_ones_data_selected():
    pills = chunk_with("`stButtonGroup`")
    assert "`[data-selected]`" in pills
    assert compat.StateAttribute.SELECTED == '[data-selected="true"]'


def key_class_rule() -> tuple[str, str]:
    """The prefix and the characters the front end replaces, read from its function that makes a key's class."""
    match = re.search(r"`([\w-]+)`\+\w\.trim\(\)\.replaceAll\(/(\[[^\]]+\])/g,`-`\)", bundle())
    assert match, "the front end no longer makes a key's class as compat.key_class does"
    return match[1], match[2]


def test_keyed_elements_get_a_class_made_as_key_class_makes_it():
    prefix, unsafe = key_class_rule()
    assert prefix == compat.KEY_CLASS_PREFIX
    for key in ("event-list", " open-hospital-1947 ", "a b.c/é_d"):
        assert compat.key_class(key) == prefix + re.sub(unsafe, "-", key.strip())
    assert compat.key_selector("event-list") == ".st-key-event-list"


# --- the bundled Plotly ------------------------------------------------------------------------------------------


def test_plotly_marks_its_plot_and_fires_click_there():
    plotly = chunk_with(f"`{compat.PLOTLY_CLICK}`", f"`{compat.PLOTLY_PLOT_CLASS}`")
    assert re.search(rf"classed\(`{compat.PLOTLY_PLOT_CLASS}`,(!0|true)\)", plotly)
    assert re.search(rf"\.emit\(`{compat.PLOTLY_CLICK}`,", plotly)
    assert ".removeListener(" in plotly  # the plot is an event emitter: the tap script adds and removes its listener


# --- history and the address -------------------------------------------------------------------------------------


def test_the_front_end_reruns_with_the_address_on_popstate():
    main = chunk_with("window.history.pushState")
    match = re.search(rf"addEventListener\(`{compat.RERUN_ON_HISTORY_EVENT}`,this\.(\w+)", main)
    assert match, f"the front end no longer listens for {compat.RERUN_ON_HISTORY_EVENT}"
    handler = function_body(main, match[1], 600)
    assert "document.location.search" in handler  # it reads the address's query string ...
    assert "syncQueryParams(" in handler and "onPageChange(" in handler  # ... adopts it and reruns the page
    assert not re.search(r"addEventListener\(`hashchange`,this\.\w+", main)  # the only history event it follows


def test_a_changed_query_string_from_the_server_is_a_new_history_entry():
    from streamlit.runtime.state import query_params

    assert "page_info_changed" in inspect.getsource(query_params)  # st.query_params tells the front end ...
    main = chunk_with("window.history.pushState")
    assert re.search(r"pageInfoChanged:\w=>this\.handlePageInfoChanged\(\w\)", main)
    handler = function_body(main, "handlePageInfoChanged", 400)
    assert "window.history.pushState(" in handler  # ... which pushes it (replacing only during Back or Forward)


# --- st.html ------------------------------------------------------------------------------------------------------


def test_st_html_can_run_scripts_in_the_page():
    assert "unsafe_allow_javascript" in inspect.signature(streamlit.html).parameters
    element = chunk_with("unsafeAllowJavascript", "`stHtml`")
    assert re.search(r"ADD_TAGS:\[[^\]]*`script`", element)  # the sanitiser keeps scripts ...
    assert "ALLOW_DATA_ATTR:!1" not in element  # ... and data- attributes (a script's settings)
    # Each script is made anew, with its attributes, so the browser runs it (and document.currentScript is it).
    assert re.search(r"createElement\(`script`\);for\(let\{name:\w,value:\w\}of Array\.from\(\w\.attributes\)\)",
                     element)


def test_scripts_run_again_only_when_their_element_s_body_changes():
    """Why ``compat.fresh_run`` exists: the effect that runs the scripts depends on the (sanitised) body alone."""
    element = chunk_with("unsafeAllowJavascript", "`stHtml`")
    match = re.search(r"(\w)=\(0,\w+\.useMemo\)\(\(\)=>\w+\((\w)\),\[\2\]\);return\(0,\w+\.useEffect\)\(\(\)=>\{"
                      r".*?createElement\(`script`\).*?\},\[(\w)\]\)", element)
    assert match and match[3] == match[1]


def test_a_style_only_element_takes_no_room_in_the_page():
    def script():
        import streamlit as st

        from timeline.ui import compat

        compat.add_stylesheet("p { color: red; }")
        st.html("<p>words</p>")

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert [h.value for h in at.main.html] == ["<p>words</p>"]  # the stylesheet went to the event container
    assert "<style>p { color: red; }</style>" in [h.value for h in at.html]


@pytest.mark.parametrize("config", [
    {"selector": '.st-key-event-list [data-entry-id="a"] a', "reveal": False},
    {"selector": '[data-testid="stPlotlyChart"]', "n": 1},
    {"text": "</script><script>alert(1)</script> & \"quotes\" 'too'"},
])
def test_a_script_s_settings_read_back_exactly_and_cannot_end_its_element(config):
    element = compat.script_element("var a = 1;", config)
    parsed = Elements(element)
    assert [tag for tag, _ in parsed.tags] == ["script"]
    assert json.loads(parsed.find("script")[0]["data-config"]) == config
    assert parsed.scripts == ["var a = 1;"]
    assert element.count("<") == 2  # its start and end tags: nothing in the settings can open or close one


def test_a_script_cannot_end_its_own_element():
    with pytest.raises(ValueError):
        compat.script_element("x = '</SCRIPT>';", {})


@pytest.mark.parametrize("source", ["// an <audio> element", "/* <!-- */", "if (a<b) {}"])
def test_a_script_that_st_html_would_drop_is_refused(source):
    with pytest.raises(ValueError):
        compat.script_element(source, {})


@pytest.mark.parametrize("name", sorted(p.name for p in STATIC.glob("*.js")))
def test_every_page_script_survives_st_html(name):
    compat.script_element((STATIC / name).read_text(encoding="utf-8"), {})


def test_each_run_number_is_new():
    assert len({compat.fresh_run() for _ in range(3)}) == 3


def test_the_front_end_is_where_compat_says_with_a_head_to_add_to():
    assert compat.front_end_dir() == Path(streamlit.__file__).parent / "static"
    page = (compat.front_end_dir() / "index.html").read_text(encoding="utf-8")
    assert page.count("<head>") == 1 and page.count("</head>") == 1 and "<title>" in page
    assert any(BUNDLE.glob("index.*.js"))


# --- configuration and the runner --------------------------------------------------------------------------------


def test_the_toolbar_mode_the_config_sets_is_one_streamlit_offers():
    from streamlit.config import get_config_options

    option = get_config_options()["client.toolbarMode"]
    assert re.search(rf'^\s*- "{compat.TOOLBAR_MODE}"\s*:', option.description, re.M)
    assert not re.search(rf'^\s*- "{MADE_UP}"\s*:', option.description, re.M)
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] == compat.TOOLBAR_MODE


def test_streamlit_collects_in_full_after_every_run():
    """What ``compat.freeze_long_lived_objects`` pays for itself against."""
    from streamlit.config import get_config_options
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    assert get_config_options()["runner.postScriptGC"].default_val is True
    assert re.search(r'if config\.get_option\("runner\.postScriptGC"\):\s*gc\.collect\(2\)',
                     inspect.getsource(ScriptRunner))


# --- nothing else relies on Streamlit's internals ----------------------------------------------------------------


def ours(*patterns: str) -> list[Path]:
    return sorted(path for pattern in patterns for path in PROJECT_ROOT.glob(pattern)
                  if "derived" not in path.parts)


# The Streamlit page's (the static site's own script and stylesheet under timeline/site/ never meet Streamlit).
STYLESHEETS = ours("timeline/static/**/*.css", "timeline/ui/**/*.css")
SCRIPTS = ours("timeline/static/*.js", "timeline/ui/**/*.js")
MODULES = [path for path in ours("timeline/**/*.py", "*.py") if path != PROJECT_ROOT / "timeline/ui/compat.py"]
STATE_ATTRIBUTES = re.compile(r"\[(?:data-stale|data-selected|kind)\b[^\]]*\]")
SPELLED_ONLY_IN_COMPAT = re.compile(r"data-testid|st-key-|data-stale|data-selected|\[kind=|popstate|plotly_click|"
                                    r"js-plotly-plot|\.st[A-Z]\w*")


def test_the_project_has_stylesheets_and_scripts_to_check():
    names = {path.name for path in STYLESHEETS + SCRIPTS}
    assert {"exhibit.css", "kiosk.css", "chart-tap.js", "kiosk-idle.js", "focus.js"} <= names


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_stylesheets_select_only_what_compat_declares(path):
    css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    test_ids = set(re.findall(r"data-testid=\"?(\w+)", css))
    assert test_ids <= {t.value for t in compat.TestId}, path.name
    assert set(re.findall(r"\.(st[A-Z]\w*)", css)) <= {c.value for c in compat.StClass}, path.name
    assert set(STATE_ATTRIBUTES.findall(css)) <= {a.value for a in compat.StateAttribute}, path.name
    assert {m for m in re.findall(r"(?i)st[-_]?key[-_]?", css)} <= {compat.KEY_CLASS_PREFIX}, path.name
    assert "data-baseweb" not in css  # gone from Streamlit's front end since it left BaseWeb


def test_compat_declares_nothing_the_stylesheets_and_code_do_not_use():
    """A declaration nothing uses is a check kept for nothing."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in STYLESHEETS + MODULES)
    unused = [t for t in compat.TestId if f'"{t.value}"' not in text and f"TestId.{t.name}" not in text]
    unused += [c for c in compat.StClass if f".{c.value}" not in text]
    unused += [a for a in compat.StateAttribute if a.value not in text]
    assert unused == []


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: path.name)
def test_scripts_take_streamlit_s_names_from_their_settings(path):
    """The scripts name none of Streamlit's or Plotly's strings: compat.py hands them over."""
    assert SPELLED_ONLY_IN_COMPAT.findall(path.read_text(encoding="utf-8")) == []


def string_literals(tree: ast.AST) -> list[str]:
    """The module's string constants, docstrings left out (they may name what they explain)."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def leaning_on_internals(source: str) -> list[str]:
    tree = ast.parse(source)
    found = [match for text in string_literals(tree) for match in SPELLED_ONLY_IN_COMPAT.findall(text)]
    found += [f"{node.arg}=" for node in ast.walk(tree)
              if isinstance(node, ast.keyword) and node.arg == "unsafe_allow_javascript"]
    found += [ast.unparse(node) for node in ast.walk(tree)
              if isinstance(node, ast.Attribute) and ast.unparse(node) in ("gc.freeze", "st.query_params.from_dict")]
    found += [f"from {node.module} import" for node in ast.walk(tree)  # Streamlit's modules beyond ``st``
              if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "streamlit"]
    return found


def test_the_module_check_finds_each_kind_of_reliance():
    source = ('"""Mentions data-testid and popstate."""\nimport gc\nimport streamlit as st\n'
              'X = ".st-key-a [data-testid=\\"stApp\\"]"\nst.html(X, unsafe_allow_javascript=True)\ngc.freeze()\n'
              'st.query_params.from_dict({})\nfrom streamlit import file_util\n')
    assert leaning_on_internals(source) == ["st-key-", "data-testid", "unsafe_allow_javascript=", "gc.freeze",
                                            "st.query_params.from_dict", "from streamlit import"]


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PROJECT_ROOT)))
def test_only_compat_relies_on_streamlit_s_internals(path):
    assert leaning_on_internals(path.read_text(encoding="utf-8")) == []


def test_server_address_says_whether_anyone_chose_the_address():
    """Curator mode refuses to show drafts on an address nobody chose: that needs ``config.is_manually_set``."""
    from streamlit import config
    from streamlit.config_option import ConfigOption

    before = (config.get_option("server.address"), config.get_where_defined("server.address"))
    try:
        config.set_option("server.address", "", ConfigOption.DEFAULT_DEFINITION)
        assert compat.server_address()[::2] == ("", False)
        config.set_option("server.address", "0.0.0.0", "command-line argument or environment variable")
        assert compat.server_address()[::2] == ("0.0.0.0", True)
        assert compat.server_address()[1] == config.get_option("server.port")
    finally:
        config.set_option("server.address", *before)


def test_streamlit_serves_narration_with_its_media_types(monkeypatch):
    from streamlit.web.server.component_file_utils import guess_content_type

    monkeypatch.setattr(mimetypes, "_db", mimetypes.MimeTypes(filenames=()))  # no /etc/mime.types
    assert guess_content_type("/x/a.ogg") == "application/octet-stream"
    compat.serve_narration_types()
    assert {ext: guess_content_type(f"/x/a{ext}") for ext in compat.NARRATION_TYPES} == compat.NARRATION_TYPES
