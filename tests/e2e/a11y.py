from axe_playwright_python.sync_playwright import Axe

from tests.html import heading_problems

_axe = Axe()
# Everything axe checks by default (WCAG 2.0-2.2 A/AA and best practices), plus WCAG 2.2's target size.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def assert_accessible(page) -> None:
    """axe finds nothing, and the headings form an outline that starts at one h1. Needs scripts in the page: in a
    context with JavaScript off, axe's evaluate never returns (a hang, seen), so no-JS journeys check text only.
    The page's stylesheets are waited for first: a journey's check that the new page's heading is there passes as
    soon as the HTML is read, and axe measured the menu's contrast once in the browser's default link blue (seen
    on /mijn/betalingen/ with two journeys running at once)."""
    page.wait_for_load_state("load", timeout=15_000)
    results = _axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "els => els.map(e => Number(e.tagName[1]))")
    assert heading_problems(levels) == [], page.url
    assert_no_sideways_scrolling(page)


def assert_no_sideways_scrolling(page) -> None:
    """Nothing sticks out of the viewport: at the journey's own width, and at 320 px (WCAG 1.4.10 reflow), to which
    the page is narrowed for the check and then given its width back."""
    own = page.viewport_size
    for width in sorted({own["width"], 320}, reverse=True):
        page.set_viewport_size({"width": width, "height": own["height"]})
        scroll_width, client_width = page.evaluate(
            """() => new Promise(resolve => requestAnimationFrame(() => resolve(
                [document.documentElement.scrollWidth, document.documentElement.clientWidth]
            )))"""
        )
        if scroll_width > client_width:
            sticking_out = _sticking_out(page)
            raise AssertionError(f"{page.url}: {scroll_width} px wide in a {client_width} px viewport: {sticking_out}")
    page.set_viewport_size(own)


def _sticking_out(page) -> list[str]:
    """The innermost elements whose right edge lies beyond the viewport, to say what to mend."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const out = [...document.body.querySelectorAll("*")].filter(el => el.getBoundingClientRect().right > width);
            return out.filter(el => !out.some(other => other !== el && el.contains(other))).slice(0, 5).map(el =>
                `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${el.getBoundingClientRect().right}` +
                ` "${(el.textContent || "").trim().slice(0, 40)}"`);
        }"""
    )


def assert_admin_accessible(page) -> None:
    """For Loket's own screens in the Wagtail admin: axe finds nothing, and the headings of the main content form
    an outline from its h1 (Wagtail's sidebar puts its own h2s before the page's h1). Running transitions are
    brought to their end first: Wagtail fades its messages in, and half-faded text has no contrast yet. Brought to
    their end, not waited for: the Help menu's "new" badge pulses for 25 seconds, which made every check wait that
    long (a third of the journeys' time). Its stylesheets are waited for first, as in `assert_accessible`."""
    page.wait_for_load_state("load", timeout=15_000)
    page.evaluate(
        """() => document.getAnimations()
            .filter(animation => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
            .forEach(animation => animation.finish())"""
    )
    results = _axe.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
    levels = page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4", "els => els.map(e => Number(e.tagName[1]))"
    )
    assert heading_problems(levels) == [], page.url
