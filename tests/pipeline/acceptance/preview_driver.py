"""A generic user of any generated preview: create a row in the first fillable form, then list it.

The driver knows no entity or label: it reads the page's own data island (the field types and
constraints the page enforces) and finds controls by position (``#fld-<i>``) and role, so one
driver serves every requirement, in Chinese or English, whatever its names.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Browser, Page, expect
from playwright.async_api import Error as PlaywrightError
from tests.support.browser import OfflineSite, PageWatch, screenshot

JsonObj = dict[str, Any]
MARKER = "Acceptance"
# Playwright's 5 s default is tight when four pages share two busy cores; waits end as soon as
# the page is ready, so a longer bound costs nothing when all is well.
WAIT_MS = 20_000


def preview_entities(html: str) -> list[JsonObj]:
    island = html.split('id="ingenio-data">', 1)[1].split("</script>", 1)[0]
    data: JsonObj = json.loads(island)
    entities: list[JsonObj] = data["entities"]
    return entities


@dataclass(frozen=True)
class Fill:
    """How to fill one control: ``None`` leaves it empty."""

    index: int
    kind: str
    value: str | None


def plan_form(entities: list[JsonObj], e: int, token: str) -> list[Fill] | None:
    """Values that pass every constraint of entity ``e``'s form, or None if some cannot."""
    fills = []
    for i, f in enumerate(entities[e]["fields"]):
        value = _value_for(f, entities, token)
        if value is None and f.get("required"):
            return None
        fills.append(Fill(i, f["type"], value))
    return fills


def _value_for(f: JsonObj, entities: list[JsonObj], token: str) -> str | None:
    kind = f["type"]
    if kind == "boolean":
        return "true"
    if kind == "enum":
        return f["options"][0][0] if f.get("options") else None
    if kind == "reference":
        return "1" if entities[f["ref"]]["rows"] else None  # option 0 is "choose"
    if kind in ("int", "long", "decimal"):
        return _number(f, integral=kind != "decimal")
    if kind == "date":
        return "2024-05-20"
    if kind == "datetime":
        return "2024-05-20T09:30"
    return _text(f, token)


def _number(f: JsonObj, *, integral: bool) -> str | None:
    low, high = f.get("min"), f.get("max")
    value = float(low if low is not None else (min(1, high) if high is not None else 1))
    if integral:
        value = math.ceil(value)
    if high is not None and value > high:
        return None
    return str(int(value)) if integral else str(value)


def _text(f: JsonObj, token: str) -> str | None:
    low, high = f.get("minLength", 0), f.get("maxLength")
    text = f"{MARKER} {token}"
    if high is not None and high < len(text):
        text = token[-high:] if high >= len(token) else "A" * high
    text = text.ljust(low, "x")
    return text if high is None or len(text) <= high else None


async def pager_total(page: Page, wait: float = WAIT_MS) -> int:
    """Rows in the list view: the pager's count, or 0 on the empty state."""
    await expect(page.locator(".pager-total, .empty").first).to_be_visible(timeout=wait)
    if await page.locator(".empty").count():
        return 0
    text = await page.locator(".pager-total").inner_text()
    return int(re.sub(r"\D", "", text))


async def create_then_list(
    page: Page, entities: list[JsonObj], token: str, wait: float = WAIT_MS
) -> str:
    """Create one row through the first fillable form and see it listed; returns the entity label.

    Raises AssertionError (through Playwright's expect) if the page does not behave.
    """
    for e in range(len(entities)):
        fills = plan_form(entities, e, token)
        if fills is not None:
            break
    else:
        raise AssertionError("no entity's form can be filled from its field constraints")
    entity = entities[e]
    await page.locator(f'nav.nav a[href="#list/{e}"]').first.click(timeout=wait)
    before = await pager_total(page, wait)
    await page.locator(f'a[href="#new/{e}"]').first.click(timeout=wait)
    await expect(page.locator("form.form")).to_be_visible(timeout=wait)
    for fill in fills:
        await _fill(page, fill, wait)
    await page.locator(".form-actions .btn-primary").click(timeout=wait)
    await expect(page.locator(".field-error:visible")).to_have_count(0, timeout=wait)
    await expect(page.locator(".pager-total")).to_be_visible(timeout=wait)
    after = await pager_total(page, wait)
    assert after == before + 1, f"the list went from {before} to {after} rows"
    shown = set(entity.get("columns", []))
    marked = [f for f in fills if f.kind in ("string", "text") and f.index in shown and f.value]
    first_row = page.locator("tbody tr").first
    if marked:
        await expect(first_row).to_contain_text(marked[0].value or "", timeout=wait)
    await expect(first_row.locator("td").first).to_have_text(f"#{_next_id(entity)}", timeout=wait)
    return str(entity["label"])


def _next_id(entity: JsonObj) -> int:
    return max((row["id"] for row in entity["rows"]), default=0) + 1


async def _fill(page: Page, fill: Fill, wait: float) -> None:
    control = page.locator(f"#fld-{fill.index}")
    if fill.value is None:
        return
    if fill.kind == "boolean":
        await control.check(timeout=wait)
    elif fill.kind == "enum":
        await control.select_option(value=fill.value, timeout=wait)
    elif fill.kind == "reference":
        await control.select_option(index=int(fill.value), timeout=wait)
    else:
        await control.fill(fill.value, timeout=wait)


@dataclass
class Outcome:
    """What happened when one preview was driven; ``problems`` is empty when all went well."""

    entity: str | None = None
    problems: list[str] = field(default_factory=list)


async def drive_preview(
    browser: Browser, html: str, token: str, shot: str, wait: float = WAIT_MS
) -> Outcome:
    """Load ``html`` offline in a fresh profile, create-then-list, and record every complaint."""
    context = await browser.new_context(
        viewport={"width": 1280, "height": 860}, service_workers="block"
    )
    outcome = Outcome()
    try:
        page = await context.new_page()
        watch = PageWatch()
        watch.attach(page)
        site = OfflineSite({"/": html})
        await site.install(context)
        try:
            await page.goto(site.url("/"), timeout=wait)
            entities = preview_entities(html)
            await expect(page.locator(".stat")).to_have_count(len(entities), timeout=wait)
            outcome.entity = await create_then_list(page, entities, token, wait)
            if await page.evaluate("typeof window.pwned") != "undefined":
                outcome.problems.append("a script from the requirement ran")
            if await page.locator("main img, main svg, main iframe, main script").count():
                outcome.problems.append("markup from the requirement reached the DOM")
        except (AssertionError, PlaywrightError) as exc:
            outcome.problems.append(f"{type(exc).__name__}: {exc}".splitlines()[0])
            await screenshot(page, "acceptance", shot)
        outcome.problems += [f"page: {e}" for e in watch.page_errors + watch.console_errors]
        outcome.problems += [f"network: {url}" for url in site.escaped]
    finally:
        await context.close()
    return outcome
