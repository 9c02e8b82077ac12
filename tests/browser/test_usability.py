"""Issue 20's journeys in a real browser: a 65-year-old villager on a 390 px phone (normal and elder mode) and a
committee clerk in the admin at 1280 px. Few sessions, many checks each: browser time is CI's scarcest resource.

- The page's own title and its first content are on the first screen (390×844), in both modes.
- A visitor and a resident still waiting learn at the top of a consultation what they can do.
- Supporting is one button that says where the resident stands; none on their own proposal.
- Small links, reply toggles and check-box labels reach 44 px (60 px in elder mode).
- The 考核 charts are legible at 390 px; 已逾期 is a bordered label, not a pale colour.
- The clerk publishes a notice with a Chinese title (the slug follows in pinyin), ticks attendance from the roster
  and records a vote from one list of agenda items; the township sees the draft awaiting its review.
Screenshots of each go to tests/browser/artifacts/.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from .a11y import CONSULTATION_OPEN, sign_in
from .conftest import DESKTOP, LEGAL_ARTICLE, NOTICE, PHONE, RULES, VILLAGE, NewPage
from .helpers import follow, horizontal_overflow, px, small_targets

pytestmark = pytest.mark.browser

MODES = [pytest.param(False, 44, 18, id="normal"), pytest.param(True, 60, 22, id="elder")]
FIRST_SCREEN_PAGES = [
    VILLAGE,
    NOTICE,
    RULES,
    CONSULTATION_OPEN,
    LEGAL_ARTICLE,
    "/zh-hans/dongshan/council/",
    "/zh-hans/requests/dongshan/",
    "/zh-hans/legal-aid/",
]
# The first thing after the title that is the page's own content (not a read-aloud button or the date line).
FIRST_CONTENT = (
    "main h1 ~ :is(p, .rich-text, .lead, ul, ol, dl, section, article, div.notice-facts, dl.notice-facts)"
    ":not(.read-aloud):not(.messages)"
)
# Stand-alone links, buttons and toggles in the page body, beyond what test_elder_complete already measures.
BODY_TARGETS = (
    "main a.action-link, main li > a:only-child, main details > summary, main .support-form button, "
    "main p:has(> input[type=checkbox]) > label, .standing a.button"
)


def _first_screen(page: Page) -> dict:
    return page.evaluate(
        """(selector) => {
            const h1 = document.querySelector('main h1');
            const content = Array.from(document.querySelectorAll(selector))
                .find((el) => el.getClientRects().length > 0 && el.innerText.trim().length > 0);
            const box = (el) => el ? el.getBoundingClientRect() : null;
            return {h1: box(h1) && box(h1).bottom, content: box(content) && box(content).top,
                    contentText: content ? content.innerText.slice(0, 40) : null, height: window.innerHeight};
        }""",
        FIRST_CONTENT,
    )


@pytest.mark.parametrize(("elder", "target", "text"), MODES)
def test_title_and_first_content_on_the_first_screen(new_page: NewPage, artifacts: Path, elder, target, text):
    page = new_page(PHONE, elder=elder)
    mode = "elder" if elder else "normal"
    problems = []

    def check(path: str) -> None:
        page.goto(path)
        found = _first_screen(page)
        if found["h1"] is None or found["h1"] > found["height"]:
            problems.append(f"{path}: the page title ends at {found['h1']} px, below the {found['height']} px screen")
        if found["content"] is None or found["content"] >= found["height"] - text:
            problems.append(f"{path}: its first content ({found['contentText']!r}) starts at {found['content']} px")
        scroll_width, inner_width = horizontal_overflow(page)
        if scroll_width > inner_width:
            problems.append(f"{path}: scrolls sideways ({scroll_width} > {inner_width})")

    for path in FIRST_SCREEN_PAGES:
        check(path)
    page.goto(NOTICE)
    page.screenshot(path=artifacts / f"usability-first-screen-notice-390-{mode}.png")
    sign_in(page)  # signed in, the header also carries the inbox and the account
    for path in (CONSULTATION_OPEN, "/zh-hans/notifications/", "/zh-hans/accounts/profile/"):
        check(path)
    page.goto(CONSULTATION_OPEN)
    page.screenshot(path=artifacts / f"usability-first-screen-consultation-390-{mode}.png")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("elder", "target", "text"), MODES)
def test_taking_part_in_a_consultation(new_page: NewPage, artifacts: Path, elder, target, text):
    mode = "elder" if elder else "normal"
    # A visitor: told at the top what they can do, with a full-size way to sign in.
    visitor = new_page(PHONE, elder=elder, javascript=False)
    visitor.goto(CONSULTATION_OPEN)
    standing = visitor.locator("#standing")
    assert standing.is_visible() and "任何人都可以阅读" in standing.inner_text()
    assert standing.bounding_box()["y"] < visitor.locator("#timeline-heading").bounding_box()["y"]
    assert not small_targets(visitor, target, ".standing a.button, main a.action-link")
    visitor.screenshot(path=artifacts / f"usability-consultation-visitor-390-{mode}.png")

    # Registered, not yet verified: the note says so and how to hurry it.
    newcomer = new_page(PHONE, elder=elder)
    sign_in(newcomer, "newcomer")
    newcomer.goto(CONSULTATION_OPEN)
    assert "村委会还没有核实您的身份" in newcomer.locator("#standing").inner_text()

    # A verified resident: no note; one support button per proposal, none on their own.
    page = new_page(PHONE, elder=elder)
    sign_in(page)
    page.goto(CONSULTATION_OPEN)
    assert page.locator("#standing").count() == 0
    own = page.locator("article.proposal", has=page.get_by_role("link", name="修改我的意见"))
    assert own.count() == 1 and own.locator(".support-form").count() == 0
    assert "这是您提出的意见" in own.inner_text()
    other = page.locator("article.proposal", has=page.locator(".support-form")).first
    proposal_id = other.get_attribute("id")
    button = other.locator(".support-form button")
    assert button.count() == 1
    before = button.inner_text()
    assert before in ("支持", "已支持（取消）")
    follow(page, button)
    after = page.locator(f"#{proposal_id} .support-form button")
    assert after.inner_text() == ("已支持（取消）" if before == "支持" else "支持")
    assert after.get_attribute("aria-pressed") == ("true" if before == "支持" else "false")
    assert not small_targets(page, target, BODY_TARGETS)
    page.locator(f"#{proposal_id}").screenshot(path=artifacts / f"usability-support-390-{mode}.png")
    follow(page, after)  # back as it was, for the other tests on this server
    assert page.locator(f"#{proposal_id} .support-form button").inner_text() == before

    # The inbox, the account page (its lists of requests and proposals, its check boxes) and the request list.
    for path in ("/zh-hans/notifications/", "/zh-hans/accounts/profile/", "/zh-hans/requests/dongshan/"):
        page.goto(path)
        assert not small_targets(page, target, BODY_TARGETS + ", main button"), path


@pytest.mark.parametrize(("elder", "target", "text"), MODES)
def test_assessment_and_overdue_on_a_phone(new_page: NewPage, artifacts: Path, elder, target, text):
    mode = "elder" if elder else "normal"
    page = new_page(PHONE, elder=elder)
    sign_in(page, "township")
    page.goto("/zh-hans/requests/assessment/")
    scroll_width, inner_width = horizontal_overflow(page)
    assert scroll_width <= inner_width
    labels = page.locator(".bar-chart .bar-label, .bar-chart .bar-value")
    assert labels.count() >= 4
    sizes = page.evaluate(
        "() => Array.from(document.querySelectorAll('.bar-chart .bar-label, .bar-chart .bar-value'))"
        ".map((el) => getComputedStyle(el).fontSize)"
    )
    assert min(px(size) for size in sizes) >= text, sizes
    page.screenshot(path=artifacts / f"usability-assessment-390-{mode}.png", full_page=True)

    page.goto("/zh-hans/requests/dongshan/?status=")
    badges = page.locator(".overdue-badge")
    if badges.count():
        style = badges.first.evaluate("(el) => [getComputedStyle(el).borderTopWidth, getComputedStyle(el).fontWeight]")
        assert px(style[0]) >= 2 and int(style[1]) >= 700 and badges.first.inner_text() in ("已逾期", "已超期")


def test_clerk_and_township_in_the_admin(new_page: NewPage, artifacts: Path):
    page = new_page(DESKTOP)
    sign_in(page, "committee-dongshan")

    # A notice with a Chinese title: published, with a pinyin address, no slug asked for.
    listed = page.request.get("/api/v2/pages/?type=notices.NoticeIndexPage&locale=zh-hans&limit=20").json()["items"]
    index_id = next(item["id"] for item in listed if "/dongshan/" in item["meta"]["html_url"])
    notices = f"/admin/pages/{index_id}/"
    page.goto(notices)
    assert page.locator(f"a[href='/admin/pages/{index_id}/add_subpage/']").count() >= 1  # the explorer's 添加子页面
    # A notice index takes notices and audit reports: the clerk picks the notice of the two types offered.
    page.goto(f"/admin/pages/{index_id}/add_subpage/")
    page.click(f"a[href^='/admin/pages/add/notices/noticepage/{index_id}/']")
    assert page.locator("input[name=slug]").count() == 0
    page.fill("#id_title", "停水通知 2026年12月")
    page.screenshot(path=artifacts / "usability-admin-new-notice-1280.png")
    page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    with page.expect_navigation(wait_until="load"):
        page.locator("button[name=action-publish]").click()
    assert "/admin/pages/" in page.url
    body = page.locator("body").inner_text()
    assert "已创建并发布" in body or "已发布" in body, body[:500]
    page.goto(notices)
    assert page.get_by_text("停水通知 2026年12月").count() >= 1
    page.screenshot(path=artifacts / "usability-admin-notices-1280.png")

    # Attendance: tick the roster of a meeting that took place.
    page.goto("/admin/council/meetings/")
    tick = page.get_by_role("link", name="勾选出席人员").first
    follow(page, tick)
    boxes = page.locator("input[name=present]")
    assert boxes.count() >= 5
    page.screenshot(path=artifacts / "usability-admin-attendance-1280.png", full_page=True)
    follow(page, page.get_by_role("button", name="保存出席情况"))
    assert "出席情况已保存" in page.locator("body").inner_text()

    # Recording a vote: one list of agenda items, then the counts for the one chosen.
    page.goto("/admin/council/vote/")
    assert page.locator("select[name=item], select[name=agenda_item]").count() == 1
    page.select_option("select[name=item]", index=1)  # the first agenda item, after the empty choice
    follow(page, page.get_by_role("button", name="下一步"))
    assert page.locator("select[name=item], select[name=agenda_item]").count() == 0
    assert page.get_by_role("link", name="换一个议题").count() == 1
    page.screenshot(path=artifacts / "usability-admin-vote-1280.png", full_page=True)

    # The township: the draft waiting for its review is on its dashboard.
    township = new_page(DESKTOP)
    sign_in(township, "township")
    township.goto("/admin/")
    panel = township.locator("#village-rules-review-section")
    assert panel.count() == 1 and "待您审核的村规民约" in township.locator("body").inner_text()
    township.screenshot(path=artifacts / "usability-admin-township-dashboard-1280.png", full_page=True)
