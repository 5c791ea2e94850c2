"""End to end, in a real browser: `rasad serve` on a free loopback port, Debian's chromium
driven by Playwright. Search → article → select a fact (its evidence lights up) → entity page
(charts drawn) → a correction with a token → the article ingested again → the correction is
still there. Screenshots of each page go to tests/serve/screenshots/ (git-ignored)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import httpx
import pytest

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).parent / "screenshots"
REPO = Path(__file__).resolve().parents[2]

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright for Python is not installed (test extra)")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no browser at {CHROMIUM}: apt-get install -y chromium",
                allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_path() -> Path:
    return Path(str(resources.files("rasad.resources").joinpath("examples/seed.txt")))


@pytest.fixture(scope="module")
def server(db_path):
    port = free_port()
    log = open(db_path.parent / "serve-e2e.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "rasad.cli", "serve", "--db", str(db_path),
                             "--port", str(port), "--log-level", "warning"],
                            cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail("rasad serve did not start:\n" + (db_path.parent / "serve-e2e.log").read_text())
        time.sleep(0.2)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    pg = context.new_page()
    problems: list[str] = []
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    # only this machine: anything else would be a CDN the page must not need
    pg.route(lambda url: not url.startswith("http://127.0.0.1:"),
             lambda route: (problems.append(f"external request: {route.request.url}"),
                            route.abort()))
    pg.problems = problems
    yield pg
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_analyst_journey(server, page, app, db_path, tmp_path):
    seed_text = seed_path().read_text(encoding="utf-8")

    # 1. search
    page.goto(server + "/")
    page.fill('input[name="q"]', "طاجيكستان")
    page.click('form.search button[type="submit"]')
    page.wait_for_selector("ol.hits li.hit")
    assert page.locator("#total strong").inner_text().strip() != "0"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator('section.facet[data-facet="event_type"] li').count() >= 1
    shot(page, "1-search")

    # 2. the article
    page.locator("ol.hits li.hit a.title").first.click()
    page.wait_for_selector("#text .m")
    article_url = page.url
    assert "/articles/" in article_url
    text = page.locator("#text").inner_text()
    assert "طاجيكستان" in text
    shot(page, "2-article")

    # 3. a fact: its evidence lights up in the text
    fact = page.locator("li.fact.event").first
    assert page.locator("#text .m.hl").count() == 0
    fact.locator(".head").click()
    page.wait_for_selector("#text .m.hl")
    assert fact.get_attribute("aria-pressed") == "true"
    lit = "".join(page.locator("#text .m.hl").all_inner_texts())
    fact_id = fact.get_attribute("data-fact")
    record = httpx.get(server + "/api/articles/" + article_url.rsplit("/", 1)[1]).json()
    ev = record["events"][int(fact_id.split("-")[1])]
    assert lit == record["text"][ev["evidence"][0]:ev["evidence"][1]]
    shot(page, "3-fact-selected")
    fact.locator(".head").click()                     # a second click clears it
    assert page.locator("#text .m.hl").count() == 0

    # 4. the page of an entity that took part in that event: its charts drawn
    who = (ev["source"] + ev["target"])[0]
    page.locator("li.fact.entity .head a", has_text=who).first.click()
    page.wait_for_selector("#timeline .main-svg")
    page.wait_for_selector("#network .main-svg")
    assert page.locator("h1").inner_text().startswith(who.split()[0])
    assert page.locator("#timeline .barlayer .point").count() >= 1       # bars drawn
    assert page.locator("#network .scatterlayer .point").count() >= 2    # it and a partner
    shot(page, "4-entity")

    # 5. a correction with a token
    token = app.state.store.create_token("e2e-analyst")
    page.goto(article_url)
    page.fill("#token", token)
    page.click('#token-form button[type="submit"]')
    assert "saved" in page.locator("#token-status").inner_text()
    first_event = page.locator("li.fact.event").first
    with page.expect_navigation():
        first_event.locator('button[data-action="confirm"]').click()
    page.wait_for_selector("li.fact.event .correction")
    note = page.locator("li.fact.event").first.locator(".correction").inner_text()
    assert "e2e-analyst" in note and "confirmed" in note
    # edit an event's place through the form
    second = page.locator("li.fact.event").nth(1 if page.locator("li.fact.event").count() > 1 else 0)
    second.locator("details summary").click()
    second.locator('input[name="location"]').fill("مكان مصحح")
    with page.expect_navigation():
        second.locator('form.edit-form button[type="submit"]').click()
    page.wait_for_selector("text=مكان مصحح")
    shot(page, "5-corrected")

    # 6. the same article ingested again: the correction is still shown
    copy = tmp_path / "seed.txt"
    copy.write_text(seed_text, encoding="utf-8")
    env = {**os.environ}
    done = subprocess.run([sys.executable, "-m", "rasad.cli", "ingest", str(copy), "--db",
                           str(db_path)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "duplicates 1" in done.stdout
    page.goto(article_url)
    note = page.locator("li.fact.event").first.locator(".correction").inner_text()
    assert "e2e-analyst" in note and "confirmed" in note
    assert page.locator("text=مكان مصحح").count() >= 1
    shot(page, "6-after-reingest")

    # 7. the events table and its export links
    page.goto(server + "/events")
    page.wait_for_selector("#events tbody tr")
    assert page.locator("#export-csv").get_attribute("href").startswith("/api/events/export.csv")
    shot(page, "7-events")

    assert not page.problems, page.problems


def test_pages_load_without_csp_violations(server, page):
    for url in ("/", "/events", "/entities", "/docs"):
        page.goto(server + url)
        page.wait_for_load_state("networkidle")
    assert not page.problems, page.problems
