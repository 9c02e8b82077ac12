"""Measurements taken inside the browser: what the resident actually gets, after CSS and fonts."""

from typing import Any, TypedDict

from playwright.sync_api import Locator, Page


def follow(page: Page, target: str | Locator) -> None:
    """Click a link or submit button and wait until the next page has loaded.

    Right after a click that navigates, page.content() and page.url may still show the old page or an empty
    document (seen in CI: content() == ""), so every click that loads a page goes through here.
    """
    locator = page.locator(target) if isinstance(target, str) else target
    with page.expect_navigation(wait_until="load"):
        locator.click()


# Everything a resident taps in the page chrome and on the section tiles.
CHROME_TARGETS = (
    ".site-header a, .site-header button, .breadcrumbs a, .breadcrumbs button, "
    ".site-footer a, .site-footer button, .tile"
)


class Target(TypedDict):
    html: str
    width: float
    height: float


class Contrast(TypedDict):
    html: str
    color: str
    background: str
    ratio: float


def px(value: str) -> float:
    """'18px' -> 18.0; anything else (e.g. 'normal') is a failure worth seeing, not a silent zero."""
    assert value.endswith("px"), f"expected a pixel value, got {value!r}"
    return float(value[:-2])


def body_text(page: Page) -> tuple[float, float]:
    """Computed font size and line height of body, in px."""
    style = page.evaluate("() => { const s = getComputedStyle(document.body); return [s.fontSize, s.lineHeight]; }")
    return px(style[0]), px(style[1])


def horizontal_overflow(page: Page) -> tuple[int, int]:
    """(scrollWidth, innerWidth): the page scrolls sideways when the first is larger."""
    return tuple(page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]"))


def small_targets(page: Page, minimum: float, selector: str = CHROME_TARGETS) -> list[Target]:
    """Rendered elements matching selector whose box is narrower or lower than minimum px."""
    targets: list[Target] = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector))
            .filter((el) => el.getClientRects().length > 0)
            .map((el) => {
                const box = el.getBoundingClientRect();
                return {html: el.outerHTML.slice(0, 160), width: box.width, height: box.height};
            })""",
        selector,
    )
    assert targets, f"nothing matched {selector!r}: the page structure changed"
    # Half a pixel of slack: boxes come out fractional (e.g. 43.998) after rem arithmetic.
    return [t for t in targets if t["width"] < minimum - 0.5 or t["height"] < minimum - 0.5]


# WCAG 2.x relative luminance and contrast ratio. The background is found by compositing the
# background colours of the element and its ancestors over the white canvas, because most
# elements are transparent and show whatever lies beneath them.
_CONTRAST_JS = """
([selector, ownTextOnly]) => {
  const parse = (value) => {
    const m = value.match(/^rgba?\\(([^)]+)\\)$/);
    if (!m) throw new Error(`cannot parse colour ${value}`);
    const [r, g, b, a = 1] = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];
  const channel = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== 'none') throw new Error(`background image under ${node.outerHTML.slice(0, 80)}`);
      layers.push(parse(style.backgroundColor));
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const rgb = (c) => `rgb(${c.slice(0, 3).map(Math.round).join(', ')})`;
  return Array.from(document.querySelectorAll(selector))
    .filter((el) => el.getClientRects().length > 0)
    .filter((el) => !ownTextOnly || Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim()))
    .map((el) => {
      const bg = background(el);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const [light, dark] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      return {html: el.outerHTML.slice(0, 160), color: rgb(fg), background: rgb(bg),
              ratio: (light + 0.05) / (dark + 0.05)};
    });
}
"""


def contrasts(page: Page, selector: str, *, own_text_only: bool = True, required: bool = True) -> list[Contrast]:
    """Contrast ratio of every rendered element matching selector (by default: that has text of its own)."""
    found: list[Contrast] = page.evaluate(_CONTRAST_JS, [selector, own_text_only])
    # A selector that silently matches nothing would let the check pass forever.
    assert found or not required, f"no text matched {selector!r}: the page structure changed"
    return found


def low_contrast(page: Page, selector: str, minimum: float, *, required: bool = True) -> list[Contrast]:
    return [c for c in contrasts(page, selector, required=required) if c["ratio"] < minimum]


def active_element(page: Page) -> dict[str, Any]:
    """Enough about document.activeElement to say what has focus and whether it shows it."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(), id: el.id, className: el.className, html: el.outerHTML.slice(0, 160),
                inHeader: !!el.closest('.site-header'),
                left: box.left, top: box.top, right: box.right, bottom: box.bottom,
                width: box.width, height: box.height,
                viewportWidth: window.innerWidth, viewportHeight: window.innerHeight,
                outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, boxShadow: style.boxShadow,
            };
        }"""
    )
