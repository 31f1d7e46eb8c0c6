"""The web pages in a real browser: Debian's headless chromium driven by Selenium through
/usr/bin/chromedriver (scripts/ensure-chromium.sh installs both), on SQLite and PostgreSQL.

Without chromium the tests skip locally and fail under CI=true, so CI never passes them
by not running them. `EDUGEN_SCREENSHOTS=DIR` also saves each page at desktop and phone
width (docs/screenshots/ is made this way).
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import _postgres_database
from tests.web_server import (
    DEMO_CLASS,
    DEMO_STUDENT,
    DEMO_TEACHER,
    OTHER_TEACHER,
    PASSWORD,
    WEEK,
    WebServer,
    serve,
)

pytestmark = pytest.mark.slow
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


def _need_browser() -> None:
    missing = [p for p in (CHROMIUM, DRIVER) if not Path(p).exists()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    if missing:
        message = f"missing {', '.join(missing)}; run scripts/ensure-chromium.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[WebServer]:
    _need_browser()
    home = tmp_path_factory.mktemp(f"browser-{request.param}")
    if request.param == "sqlite":
        with serve(home, f"sqlite:///{home / 'edugen.db'}") as found:
            yield found
        return
    for url in _postgres_database():
        with serve(home, url) as found:
            yield found


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(flag)
    options.add_argument("--window-size=1280,900")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


def _shot(driver: Any, name: str) -> None:
    folder = os.environ.get("EDUGEN_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        driver.set_window_size(width, height)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(height, int(full) + 120), 4000))
        driver.save_screenshot(str(Path(folder) / f"{name}-{size}.png"))
    driver.set_window_size(*SIZES["desktop"])


def _sign_in(driver: Any, server: WebServer, email: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{server.url}/login")
    _shot(driver, "login")
    driver.find_element(By.NAME, "email").send_keys(email)
    password = driver.find_element(By.NAME, "password")
    password.send_keys(PASSWORD)
    password.submit()
    _wait(lambda: "/login" not in driver.current_url)


def _wait(check: Any, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.25)


def test_a_teacher_reviews_runs_and_downloads_in_the_browser(
    server: WebServer, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    _sign_in(browser, server, DEMO_TEACHER)
    browser.get(f"{server.url}/?week={WEEK}")
    _shot(browser, "classes")
    browser.find_element(By.CSS_SELECTOR, f'a[href="/classes/{DEMO_CLASS}?week={WEEK}"]').click()
    _wait(lambda: "Mastery" in browser.page_source)
    rows = browser.find_elements(By.CSS_SELECTOR, "table tbody tr th a[href^='/students/']")
    assert len(rows) >= 10
    _shot(browser, "class")
    browser.get(f"{server.url}/students/{DEMO_STUDENT}?week={WEEK}")
    assert browser.find_element(By.TAG_NAME, "h1").text.endswith(WEEK)
    _shot(browser, "student")

    browser.get(f"{server.url}/classes/{DEMO_CLASS}/review?week={WEEK}")
    _shot(browser, "review")
    cards = browser.find_elements(By.CSS_SELECTOR, "section.card[id^='item-']")
    first, second = (c.get_attribute("id").removeprefix("item-") for c in cards[:2])
    browser.find_element(By.CSS_SELECTOR, f"#item-{first} button.primary").click()
    _wait(lambda: "Approved." in browser.page_source)
    assert not browser.find_elements(By.ID, f"item-{first}")

    browser.find_element(By.CSS_SELECTOR, f"#item-{second} a.button").click()
    text = browser.find_element(By.NAME, "text")
    _shot(browser, "edit")
    edited = "\n".join(
        "hint: Look at what each part stands for." if line.startswith("hint:") else line
        for line in text.get_attribute("value").splitlines()
    )
    text.clear()
    text.send_keys(edited)
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    _wait(lambda: "the item is a draft again" in browser.page_source)
    assert "Look at what each part stands for." in browser.page_source

    browser.get(f"{server.url}/classes/{DEMO_CLASS}/runs?week={WEEK}")
    browser.find_element(By.CSS_SELECTOR, "form button.primary").click()
    _wait(lambda: "run=" in browser.current_url)
    box = browser.find_element(By.ID, "progress")
    _wait(lambda: box.get_attribute("data-status") in ("succeeded", "partial"), 300)
    assert "students done" in browser.find_element(By.ID, "state").text
    browser.get(browser.current_url)
    _shot(browser, "runs")

    browser.get(f"{server.url}/classes/{DEMO_CLASS}?week={WEEK}")
    browser.find_element(By.TAG_NAME, "summary").click()
    link = browser.find_element(
        By.CSS_SELECTOR, f'a[href="/classes/{DEMO_CLASS}/download/items/qti21?week={WEEK}"]'
    )
    link.click()
    _wait(lambda: any(p.suffix == ".zip" for p in browser.downloads.iterdir()))
    (package,) = [p for p in browser.downloads.iterdir() if p.suffix == ".zip"]
    assert zipfile.ZipFile(package).namelist()


def test_a_second_schools_teacher_gets_404_in_the_browser(server: WebServer, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    _sign_in(browser, server, OTHER_TEACHER)
    for path in (
        f"/classes/{DEMO_CLASS}",
        f"/students/{DEMO_STUDENT}",
        f"/classes/{DEMO_CLASS}/review",
    ):
        browser.get(f"{server.url}{path}?week={WEEK}")
        assert browser.find_element(By.TAG_NAME, "h1").text == "Not found", path
    _shot(browser, "not-found")
    shutil.rmtree(browser.downloads, ignore_errors=True)
