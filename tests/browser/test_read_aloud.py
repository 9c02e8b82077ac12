"""Read-aloud (朗读): speech synthesis in zh-CN reading the main content only, hidden where it cannot work.

The browser's speech engine is replaced by a recorder (add_init_script runs before any page script), so
the test sees exactly what would be spoken, in which language, and what pause and stop do.
"""

import pytest
from playwright.sync_api import Page

from .conftest import LEGAL_ARTICLE, NOTICE, PHONE, RULES, VILLAGE, NewPage
from .helpers import active_element, px

pytestmark = pytest.mark.browser

RECORDER = """
window.__spoken = [];
window.__calls = [];
const recorder = {
  paused: false, speaking: false, pending: false,
  speak(u) { window.__spoken.push({text: u.text, lang: u.lang}); this.speaking = true; },
  cancel() { window.__calls.push('cancel'); this.speaking = false; this.paused = false; },
  pause() { window.__calls.push('pause'); this.paused = true; },
  resume() { window.__calls.push('resume'); this.paused = false; },
  getVoices() { return [{lang: 'zh-CN', name: 'stub'}]; },
};
Object.defineProperty(window, 'speechSynthesis', {value: recorder, configurable: true});
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; } };
"""

WITHOUT_SPEECH = """
delete window.speechSynthesis;
delete window.SpeechSynthesisUtterance;
Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});
Object.defineProperty(window, 'SpeechSynthesisUtterance', {value: undefined, configurable: true});
"""

# Where the main content is on each kind of page, and a piece of the chrome that must never be read.
READABLE = [
    pytest.param(NOTICE, "#notice-text", id="notice"),
    pytest.param(RULES, "#rules-version", id="rules"),
    pytest.param(LEGAL_ARTICLE, "#article-text", id="legal-education"),
]


def normalised(text: str) -> str:
    return "".join(text.split())


def spoken(page: Page) -> list[dict[str, str]]:
    return page.evaluate("window.__spoken")


@pytest.mark.parametrize(("path", "main"), READABLE)
def test_reads_the_main_content_in_chinese(new_page: NewPage, path: str, main: str) -> None:
    page = new_page(PHONE)
    page.add_init_script(RECORDER)
    page.goto(path)
    start = page.locator(".read-aloud-start")
    start.wait_for(state="visible")
    assert page.locator(".read-aloud-pause").is_hidden(), "pause shows before anything is being read"

    start.click()
    utterances = spoken(page)
    assert utterances, "pressing 朗读 spoke nothing"
    assert {u["lang"] for u in utterances} == {"zh-CN"}
    said = normalised("".join(u["text"] for u in utterances))
    # Everything read is the main content's text, in order: all of it but the read-aloud controls and
    # the SVG charts (their figures are in the table beside them)...
    content = normalised(
        page.locator(main).evaluate(
            """(main) => { const copy = main.cloneNode(true);
                copy.querySelectorAll('.read-aloud, svg').forEach((el) => el.remove());
                return copy.textContent; }"""
        )
    )
    assert said == content, f"read:\n{said[:300]}\nbut the main content is:\n{content[:300]}"
    # ...and nothing of the chrome around it.
    for chrome in (".site-header", ".site-footer", ".breadcrumbs"):
        # textContent, not innerText: on a phone the trail shows only its last link (issue 20), and a village's
        # name alone is rightly in its rules' text.
        text = normalised(page.locator(chrome).evaluate("(el) => el.textContent"))
        assert text not in said, f"{chrome} was read aloud"
    title = normalised(page.locator("h1").inner_text())
    assert title in said, "the title is not read"
    assert max(len(u["text"]) for u in utterances) <= 200, "an utterance is long enough for engines to cut it off"


def test_pause_resume_and_stop(new_page: NewPage) -> None:
    page = new_page(PHONE)
    page.add_init_script(RECORDER)
    page.goto(NOTICE)
    page.locator(".read-aloud-start").click()
    pause = page.locator(".read-aloud-pause")
    stop = page.locator(".read-aloud-stop")
    assert pause.is_visible() and stop.is_visible()
    label = pause.inner_text()

    pause.click()
    assert page.evaluate("window.speechSynthesis.paused"), "pause did not pause the speech"
    assert pause.inner_text() != label, "the pause button does not say it now resumes"
    pause.click()
    assert not page.evaluate("window.speechSynthesis.paused")
    assert pause.inner_text() == label

    stop.click()
    assert page.evaluate("window.__calls").count("cancel") >= 2, "stop did not cancel the speech"
    assert pause.is_hidden() and stop.is_hidden()
    # Focus goes back to the start button rather than getting lost with the hidden stop button.
    assert active_element(page)["className"] == "read-aloud-start"
    assert page.locator(".read-aloud [role=status]").inner_text(), "screen readers are not told reading stopped"


def test_hidden_without_speech_synthesis(new_page: NewPage) -> None:
    page = new_page(PHONE)
    page.add_init_script(WITHOUT_SPEECH)
    page.goto(NOTICE)
    page.wait_for_load_state("load")
    assert page.locator(".read-aloud").count() == 1
    assert page.locator(".read-aloud").is_hidden(), "the read-aloud button shows where the browser cannot speak"


def test_hidden_without_javascript(new_page: NewPage) -> None:
    page = new_page(PHONE, javascript=False)
    page.goto(LEGAL_ARTICLE)
    assert page.locator(".read-aloud").is_hidden()


SIZES = [pytest.param(False, 44, id="normal"), pytest.param(True, 60, id="elder")]


@pytest.mark.parametrize(("elder", "minimum"), SIZES)
def test_controls_are_big_enough_and_only_where_they_belong(new_page: NewPage, elder: bool, minimum: int) -> None:
    page = new_page(PHONE, elder=elder)
    page.add_init_script(RECORDER)
    page.goto(NOTICE)
    page.locator(".read-aloud-start").click()
    for button in page.locator(".read-aloud button").all():
        box = button.bounding_box()
        assert box and box["width"] >= minimum - 0.5 and box["height"] >= minimum - 0.5, box
    assert px(page.locator(".read-aloud-start").evaluate("b => getComputedStyle(b).fontSize")) >= (22 if elder else 18)
    # Only pages with something to read carry the button.
    page.goto(VILLAGE)
    assert page.locator(".read-aloud").count() == 0
