"""The preview driven in a real chromium, with every request that would leave the page refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page, expect
from tests.pipeline.preview.specs import HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE_SVG
from tests.support.browser import OfflineSite, PageWatch, screenshot

from ingenio.pipeline.appspec import AppSpec
from ingenio.pipeline.codegen.preview import render_preview

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

SHOTS = "preview"


async def open_preview(context: BrowserContext, page: Page, spec: AppSpec) -> OfflineSite:
    site = OfflineSite({"/": render_preview(spec)})
    await site.install(context)
    await page.goto(site.url("/"))
    await expect(page.locator("main h1")).to_be_visible()
    return site


def preview_data(spec: AppSpec) -> dict[str, Any]:
    page = render_preview(spec)
    data: dict[str, Any] = json.loads(page.split('id="ingenio-data">')[1].split("</script>")[0])
    return data


async def go_to(page: Page, name: str) -> None:
    link = page.locator("nav.nav").get_by_role("link", name=name).first
    await link.click()
    # The click returns before the hash change has re-rendered the page; reading
    # rows now could count the previous page's table.
    await expect(link).to_have_attribute("aria-current", "page")


def assert_stayed_offline(site: OfflineSite, watch: PageWatch) -> None:
    assert site.escaped == []
    assert watch.requests == [site.url("/")]


async def test_preview_loads_clean_and_offline(
    context: BrowserContext, page: Page, page_watch: PageWatch, marketplace_spec: AppSpec
) -> None:
    site = await open_preview(context, page, marketplace_spec)
    await expect(page).to_have_title("校园二手交易平台")
    await expect(page.locator("main h1")).to_have_text("首页概览")
    await expect(page.locator(".brand-name")).to_have_text("校园二手交易平台")
    await expect(page.locator(".stat")).to_have_count(5)
    await expect(page.locator(".stat").first).to_contain_text("用户")
    await expect(page.locator("nav.nav")).to_contain_text("商品列表")
    await expect(page.locator("nav.nav")).to_contain_text("发布商品")
    await screenshot(page, SHOTS, "dashboard-zh")
    page_watch.assert_clean()
    assert_stayed_offline(site, page_watch)


async def test_create_then_list_then_search(
    context: BrowserContext, page: Page, page_watch: PageWatch, marketplace_spec: AppSpec
) -> None:
    site = await open_preview(context, page, marketplace_spec)
    await go_to(page, "发布商品")
    await expect(page.locator("main h1")).to_have_text("发布商品")
    await page.get_by_label("商品名称", exact=True).fill("九成新山地自行车")
    await page.get_by_label("价格", exact=True).fill("450.5")
    await page.get_by_label("库存", exact=True).fill("1")
    await page.get_by_label("所属分类", exact=True).select_option(index=1)
    await page.get_by_label("卖家", exact=True).select_option(index=2)
    await page.get_by_label("成色", exact=True).select_option(label="九成新")
    await page.get_by_label("可议价", exact=True).check()
    await page.get_by_role("button", name="保存").click()

    await expect(page.locator("main h1")).to_have_text("商品列表")
    rows = page.locator("tbody tr")
    await expect(rows.first).to_contain_text("九成新山地自行车")
    await expect(rows.first).to_contain_text("450.50")
    await expect(page.locator(".pager-total")).to_have_text("共 6 条")
    await page.get_by_role("searchbox").fill("自行车")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text("九成新山地自行车")
    await screenshot(page, SHOTS, "list-search-zh")
    await page.get_by_role("searchbox").fill("不存在的东西")
    await expect(rows).to_have_count(0)
    await expect(page.locator(".empty")).to_contain_text("没有找到匹配“不存在的东西”的商品")
    page_watch.assert_clean()
    assert_stayed_offline(site, page_watch)


async def test_validation_blocks_bad_input_and_saves_nothing(
    context: BrowserContext, page: Page, page_watch: PageWatch, marketplace_spec: AppSpec
) -> None:
    await open_preview(context, page, marketplace_spec)
    await go_to(page, "发布商品")
    await page.get_by_role("button", name="保存").click()
    errors = page.locator(".field-error:visible")
    await expect(page.locator(".form-summary")).to_have_text("请修正标记的 6 处错误")
    await expect(errors).to_have_count(6)
    for message in (
        "商品名称为必填项",
        "价格为必填项",
        "库存为必填项",
        "所属分类为必填项",
        "卖家为必填项",
        "成色为必填项",
    ):
        await expect(page.get_by_text(message, exact=True)).to_be_visible()
    await expect(page.get_by_label("商品名称", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )

    await page.get_by_label("商品名称", exact=True).fill("长" * 31)
    await page.get_by_label("价格", exact=True).fill("-1")
    await page.get_by_label("库存", exact=True).fill("2.5")
    await page.get_by_role("button", name="保存").click()
    await expect(page.get_by_text("商品名称不能超过 30 个字符（当前 31 个）")).to_be_visible()
    await expect(page.get_by_text("价格不能小于 0")).to_be_visible()
    await expect(page.get_by_text("库存必须是整数")).to_be_visible()
    await expect(page.locator(".counter.over")).to_have_text("31/30")
    await screenshot(page, SHOTS, "form-errors-zh")

    await page.get_by_label("商品名称", exact=True).fill("好")
    await page.get_by_role("button", name="保存").click()
    await expect(page.get_by_text("商品名称至少需要 2 个字符")).to_be_visible()
    await expect(page.locator("main h1")).to_have_text("发布商品")  # still on the form

    # A unique field refuses a value another row has.
    await go_to(page, "分类管理")
    existing = (await page.locator("tbody tr").first.locator("td").nth(1).inner_text()).strip()
    await page.get_by_role("link", name="+ 新建").click()
    await page.get_by_label("分类名称", exact=True).fill(existing)
    await page.get_by_role("button", name="保存").click()
    await expect(page.get_by_text(f"分类名称“{existing}”已存在")).to_be_visible()

    await go_to(page, "商品列表")
    await expect(page.locator(".pager-total")).to_have_text("共 5 条")  # nothing was saved
    page_watch.assert_clean()


async def test_edit_and_delete(
    context: BrowserContext, page: Page, page_watch: PageWatch, marketplace_spec: AppSpec
) -> None:
    await open_preview(context, page, marketplace_spec)
    await go_to(page, "分类管理")
    rows = page.locator("tbody tr")
    before = await rows.count()
    await rows.first.get_by_role("link", name="编辑").click()
    await expect(page.locator("main h1")).to_have_text("编辑分类")
    await page.get_by_label("分类名称", exact=True).fill("乐器音响")
    await page.get_by_role("button", name="保存").click()
    await expect(page.locator("main h1")).to_have_text("乐器音响")  # the detail view
    await screenshot(page, SHOTS, "detail-zh")
    await go_to(page, "分类管理")
    await expect(rows.first).to_contain_text("乐器音响")

    # A fresh row nobody refers to can go.
    await page.get_by_role("link", name="+ 新建").click()
    await page.get_by_label("分类名称", exact=True).fill("临时分类")
    await page.get_by_role("button", name="保存").click()
    await expect(rows).to_have_count(before + 1)
    await rows.filter(has_text="临时分类").get_by_role("button", name="删除").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("确定要删除分类“临时分类”吗？")
    await dialog.get_by_role("button", name="删除").click()
    await expect(rows).to_have_count(before)
    await expect(page.locator("tbody")).not_to_contain_text("临时分类")

    # A row that products still refer to cannot, as the database would refuse too.
    category_of_first_product = preview_data(marketplace_spec)["entities"][2]["rows"][0]["values"][
        3
    ]
    await page.evaluate(
        "hash => { location.hash = hash }", f"#detail/1/{category_of_first_product}"
    )
    await page.get_by_role("button", name="删除").click()
    await expect(page.get_by_role("dialog")).to_contain_text("无法删除：仍有")
    await page.get_by_role("dialog").get_by_role("button", name="知道了").click()
    await expect(page.get_by_role("dialog")).to_have_count(0)
    page_watch.assert_clean()


async def test_paging_with_more_than_ten_rows_in_english(
    context: BrowserContext, page: Page, page_watch: PageWatch, library_spec: AppSpec
) -> None:
    await open_preview(context, page, library_spec)
    await go_to(page, "Author")
    seeded = await page.locator("tbody tr").count()
    for n in range(12 - seeded):
        await page.get_by_role("link", name="+ New").click()
        await page.get_by_label("Name", exact=True).fill(f"Test Author {n:02d}")
        await page.get_by_role("button", name="Save").click()
        await expect(page.locator("main h1")).to_have_text("Author")
    rows = page.locator("tbody tr")
    await expect(rows).to_have_count(10)
    await expect(page.locator(".pager-total")).to_have_text("12 records")
    await expect(page.locator(".pager-info")).to_have_text("Page 1 of 2")
    await expect(page.get_by_role("button", name="Previous")).to_be_disabled()
    await page.get_by_role("button", name="Next").click()
    await expect(rows).to_have_count(2)
    await expect(page.locator(".pager-info")).to_have_text("Page 2 of 2")
    await expect(page.get_by_role("button", name="Next")).to_be_disabled()
    await screenshot(page, SHOTS, "list-page2-en")
    await page.get_by_role("button", name="Previous").click()
    await expect(rows).to_have_count(10)
    page_watch.assert_clean()


async def test_hostile_spec_renders_literally_and_runs_nothing(
    context: BrowserContext, page: Page, page_watch: PageWatch, hostile_spec: AppSpec
) -> None:
    site = await open_preview(context, page, hostile_spec)
    await expect(page.locator("main h1")).to_have_text(HOSTILE_SCRIPT)
    await expect(page.locator(".brand-name")).to_contain_text(
        HOSTILE_SCRIPT + "`${window.pwned=4}`"
    )
    await expect(page.locator("nav.nav")).to_contain_text(HOSTILE_IMG)
    await go_to(page, HOSTILE_IMG)
    await expect(page.locator("main h1")).to_have_text(HOSTILE_IMG)
    await expect(page.locator("thead")).to_contain_text(HOSTILE_SCRIPT)
    await expect(page.locator("tbody")).to_contain_text(HOSTILE_SVG)
    # A value typed by a user is as inert as the spec's strings.
    await page.get_by_role("link", name="+ New").click()
    await page.get_by_label(HOSTILE_SCRIPT, exact=True).fill("<img src=y onerror=window.pwned=6>")
    await page.get_by_role("button", name="Save").click()
    await expect(page.locator("tbody tr").first).to_contain_text(
        "<img src=y onerror=window.pwned=6>"
    )
    await screenshot(page, SHOTS, "hostile-list")
    assert await page.evaluate("typeof window.pwned") == "undefined"
    assert await page.evaluate("Object.keys(Object.prototype).length") == 0
    assert await page.locator("img, svg, iframe").count() == 0
    page_watch.assert_clean()
    assert_stayed_offline(site, page_watch)


async def test_chinese_chrome_for_zh_and_english_for_en(
    context: BrowserContext, page: Page, marketplace_spec: AppSpec, library_spec: AppSpec
) -> None:
    zh = OfflineSite({"/zh": render_preview(marketplace_spec), "/en": render_preview(library_spec)})
    await zh.install(context)
    await page.goto(zh.url("/zh#list/2"))
    main = page.locator("main")
    for text in ("+ 新建", "搜索", "上一页", "下一页", "编辑", "删除", "查看", "操作"):
        await expect(main.get_by_text(text, exact=True).first).to_be_visible()
    await expect(page.get_by_role("searchbox")).to_have_attribute("placeholder", "搜索商品…")
    await expect(page.locator("html")).to_have_attribute("lang", "zh-CN")

    await page.goto(zh.url("/en#list/1"))
    for text in ("+ New", "Search", "Previous", "Next", "Edit", "Delete", "View", "Actions"):
        await expect(main.get_by_text(text, exact=True).first).to_be_visible()
    await expect(page.get_by_role("searchbox")).to_have_attribute("placeholder", "Search Book…")
    await page.get_by_role("link", name="+ New").click()
    await page.get_by_role("button", name="Save").click()
    await expect(page.get_by_text("Title is required", exact=True)).to_be_visible()
    await expect(page.get_by_text("Please fix the 3 highlighted fields")).to_be_visible()


async def test_rows_survive_a_reload_and_a_sandbox_without_storage_still_works(
    context: BrowserContext, page: Page, page_watch: PageWatch, marketplace_spec: AppSpec
) -> None:
    preview = render_preview(marketplace_spec)
    host = (
        '<!DOCTYPE html><iframe sandbox="allow-scripts" src="/" width="1200" height="800"></iframe>'
    )
    site = OfflineSite({"/": preview, "/host": host})
    await site.install(context)
    await page.goto(site.url("/#new/1"))
    await expect(page.locator(".status")).to_have_text("数据保存在本地浏览器")
    await page.get_by_label("分类名称", exact=True).fill("保存测试")
    await page.get_by_role("button", name="保存").click()
    await page.reload()
    await page.evaluate("() => { location.hash = '#list/1' }")
    await expect(page.locator("tbody")).to_contain_text("保存测试")

    # An opaque origin (sandbox without allow-same-origin) may not touch localStorage.
    await page.goto(site.url("/host"))
    frame = page.frame_locator("iframe")
    await expect(frame.locator(".status")).to_have_text("仅内存保存，刷新后丢失")
    await frame.locator("nav.nav").get_by_role("link", name="分类管理").click()
    await expect(frame.locator("tbody")).not_to_contain_text("保存测试")
    await frame.get_by_role("link", name="+ 新建").click()
    await frame.get_by_label("分类名称", exact=True).fill("沙箱分类")
    await frame.get_by_role("button", name="保存").click()
    await expect(frame.locator("tbody tr").first).to_contain_text("沙箱分类")
    page_watch.assert_clean()
    assert site.escaped == []


async def test_preview_opened_as_a_local_file_works(
    page: Page, page_watch: PageWatch, library_spec: AppSpec, tmp_path: Path
) -> None:
    path = tmp_path / "preview.html"
    path.write_text(render_preview(library_spec), encoding="utf-8")
    await page.goto(path.as_uri() + "#new/2")
    await page.get_by_label("Full name", exact=True).fill("Ada Lovelace")
    await page.get_by_label("Email", exact=True).fill("ada@example.com")
    await page.get_by_role("button", name="Save").click()
    await expect(page.locator("tbody tr").first).to_contain_text("Ada Lovelace")
    page_watch.assert_clean()
    assert page_watch.requests == [path.as_uri()]


async def test_policy_stops_even_injected_requests(
    context: BrowserContext, page: Page, marketplace_spec: AppSpec
) -> None:
    site = await open_preview(context, page, marketplace_spec)
    outcome = await page.evaluate(
        """async () => {
            const img = document.createElement('img');
            img.src = 'http://ingenio.test/pixel.png';
            document.body.append(img);
            const link = document.createElement('link');
            link.rel = 'stylesheet';
            link.href = 'https://fonts.example.com/font.css';
            document.head.append(link);
            const settled = (el) => new Promise((done) => { el.onload = done; el.onerror = done; });
            await Promise.all([settled(img), settled(link)]);
            return fetch('http://ingenio.test/leak').then(() => 'sent', () => 'blocked');
        }"""
    )
    assert outcome == "blocked"
    assert site.escaped == []


async def test_thirty_entities_and_a_phone_screen(
    context: BrowserContext,
    page: Page,
    page_watch: PageWatch,
    thirty_spec: AppSpec,
    marketplace_spec: AppSpec,
) -> None:
    site = OfflineSite(
        {"/": render_preview(thirty_spec), "/phone": render_preview(marketplace_spec)}
    )
    await site.install(context)
    await page.goto(site.url("/"))
    await expect(page.locator(".stat")).to_have_count(30)
    await expect(page.locator("nav.nav a")).to_have_count(31)
    await page.evaluate("() => { location.hash = '#new/29' }")
    parents = len(preview_data(thirty_spec)["entities"][28]["rows"])
    await expect(page.get_by_label("Parent", exact=True).locator("option")).to_have_count(
        1 + parents
    )
    page_watch.assert_clean()
    assert site.escaped == []

    await page.set_viewport_size({"width": 390, "height": 844})
    await page.goto(site.url("/phone#list/2"))
    await expect(page.locator("main h1")).to_have_text("商品列表")
    overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    await screenshot(page, SHOTS, "list-phone-zh")
