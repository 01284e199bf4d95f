#!/usr/bin/env python3
"""Browser test of `morgue serve`: headless Chromium driven over WebDriver.

Indexes the demo corpus plus one hostile page into a temporary index, starts
`morgue serve` on a free loopback port, and drives Debian's `chromium` through
`chromedriver` (the W3C WebDriver protocol, spoken here with the standard
library only). It loads a search, checks the hits and facets in the rendered
DOM, clicks a person and a histogram bar, checks that hostile text stays
text, that the page fits 375 px without sideways scrolling, and takes a
screenshot. Every connection goes to 127.0.0.1.

usage: webdriver_test.py --morgue target/debug/morgue [--screenshot docs/serve.png]
"""

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

HOSTILE = """<!doctype html><html><head><meta charset="utf-8">
<meta property="og:title" content="&lt;img src=x onerror=window.pwned=1&gt; harbour &lt;script&gt;window.pwned=2&lt;/script&gt;">
<meta property="article:published_time" content="2022-03-04T10:00:00Z">
</head><body><article>
<h1>&lt;img src=x onerror=window.pwned=1&gt; harbour &lt;script&gt;window.pwned=2&lt;/script&gt;</h1>
<p>The harbour lighthouse keeper said "&gt;&lt;img src=x onerror=window.pwned=3&gt; was painted on the door of the lamp room overnight, and that the lighthouse repairs would go ahead as planned.</p>
<p>The lighthouse has been dark since the storms of the winter, and boats are asked to keep to the marked channel until the work is finished.</p>
</article></body></html>
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None):
    assert url.startswith("http://127.0.0.1:"), url
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {url}: {e.code} {e.read()[:500]!r}")


class Browser:
    """The few WebDriver commands the test needs."""

    def __init__(self, driver_url, width, height):
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {
                        "binary": shutil.which("chromium") or "/usr/bin/chromium",
                        "args": [
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--hide-scrollbars",
                            f"--window-size={width},{height}",
                        ],
                    },
                }
            }
        }
        self.base = driver_url
        self.session = http("POST", f"{driver_url}/session", caps)["value"]["sessionId"]
        self.url = f"{driver_url}/session/{self.session}"

    def get(self, url):
        http("POST", f"{self.url}/url", {"url": url})

    def current_url(self):
        return http("GET", f"{self.url}/url")["value"]

    def js(self, script, *args):
        return http("POST", f"{self.url}/execute/sync", {"script": script, "args": list(args)})["value"]

    def click(self, css):
        found = http("POST", f"{self.url}/element", {"using": "css selector", "value": css})["value"]
        element = next(iter(found.values()))
        http("POST", f"{self.url}/element/{element}/click", {})

    def resize(self, width, height):
        http("POST", f"{self.url}/window/rect", {"width": width, "height": height})

    def screenshot(self, path):
        png = base64.b64decode(http("GET", f"{self.url}/screenshot")["value"])
        with open(path, "wb") as f:
            f.write(png)
        return len(png)

    def quit(self):
        http("DELETE", self.url)


def check(cond, what):
    if not cond:
        raise SystemExit(f"FAIL: {what}")
    print(f"ok: {what}")


def wait_for(cond, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if cond():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"FAIL: timed out waiting for {what}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--morgue", required=True)
    ap.add_argument("--screenshot")
    args = ap.parse_args()
    morgue = os.path.abspath(args.morgue)
    work = tempfile.mkdtemp(prefix="morgue-browser-")
    procs = []
    try:
        pages = os.path.join(work, "pages")
        shutil.copytree(os.path.join(ROOT, "corpus"), os.path.join(pages, "corpus"))
        with open(os.path.join(pages, "hostile.html"), "w") as f:
            f.write(HOSTILE)
        index = os.path.join(work, "index")
        subprocess.run([morgue, "--index", index, "index", pages], check=True, cwd=work)

        server = subprocess.Popen(
            [morgue, "--index", index, "serve", "--addr", "127.0.0.1:0"],
            stdout=subprocess.PIPE, text=True, cwd=work,
        )
        procs.append(server)
        line = server.stdout.readline()
        check("http://127.0.0.1:" in line, f"the server prints its URL: {line.strip()}")
        site = line.split("http://", 1)[1].split("/", 1)[0]
        site = f"http://{site}/"

        port = free_port()
        driver = subprocess.Popen(
            ["chromedriver", f"--port={port}", "--allowed-ips=127.0.0.1"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        procs.append(driver)
        driver_url = f"http://127.0.0.1:{port}"
        wait_for(lambda: http("GET", f"{driver_url}/status")["value"]["ready"], "chromedriver")

        b = Browser(driver_url, 1400, 1000)
        try:
            run(b, site, args.screenshot)
        finally:
            b.quit()
    finally:
        for p in procs:
            p.terminate()
            p.wait()
        shutil.rmtree(work, ignore_errors=True)
    print("browser test passed")


def api(site, path):
    with urllib.request.urlopen(site + path.lstrip("/"), timeout=30) as r:
        return json.loads(r.read())


def run(b, site, screenshot):
    # A search: hits and facets in the rendered DOM.
    b.get(site + "?q=clubhouse")
    hits = b.js("return [...document.querySelectorAll('#hits li.hit h2 a')].map(a => a.textContent)")
    check(len(hits) >= 1, f"clubhouse has hits: {hits}")
    check(any("Clubhouse" in h for h in hits), "a Clubhouse headline")
    marks = b.js("return [...document.querySelectorAll('#hits .snippet b')].map(x => x.textContent.toLowerCase())")
    check("clubhouse" in marks, f"the snippet highlights the word: {marks}")
    people = b.js("return [...document.querySelectorAll('#people a')].map(a => a.textContent)")
    check("Vladimir Putin" in people, f"the people facet lists Vladimir Putin: {people}")
    counts = b.js("return [...document.querySelectorAll('#people .n')].map(x => +x.textContent)")
    check(counts == sorted(counts, reverse=True), "people facet most mentioned first")

    # Click Vladimir Putin in the facet.
    b.click("#people li:nth-child(%d) a" % (people.index("Vladimir Putin") + 1))
    wait_for(lambda: "person=Vladimir+Putin" in b.current_url(), "the person filter in the URL")
    chips = b.js("return [...document.querySelectorAll('.chip')].map(c => c.textContent)")
    check(any("Vladimir Putin" in c for c in chips), f"the person is a removable filter: {chips}")

    # All of his articles with the year histogram.
    b.get(site + "?person=Vladimir+Putin")
    total = int(b.js("return document.getElementById('total').textContent"))
    expected = api(site, "/api/search?person=Vladimir+Putin&limit=1")["total_hits"]
    check(total == expected, f"{total} articles mention him, as the API says")
    bars = b.js(
        "return [...document.querySelectorAll('svg.histogram a.bar')].map(a => "
        "({start: a.dataset.start, count: +a.dataset.count}))"
    )
    check(len(bars) >= 2 and all(x["start"].endswith("-01-01") for x in bars), f"a year histogram: {bars}")
    dated = sum(x["count"] for x in bars)
    check(dated <= total and dated > 0, "the bars count the whole result set")
    tall = max(bars, key=lambda x: x["count"])
    year = tall["start"][:4]
    href = b.js(
        "return document.querySelector(`svg.histogram a.bar[data-start='${arguments[0]}']`)"
        ".getAttribute('href')",
        tall["start"],
    )
    b.get(urllib.parse.urljoin(site, href))
    in_year = int(b.js("return document.getElementById('total').textContent"))
    check(in_year == tall["count"], f"clicking {year} shows its {tall['count']} articles")
    dates = b.js("return [...document.querySelectorAll('#hits time')].map(t => t.textContent)")
    check(all(d.startswith(year) for d in dates), f"every hit is from {year}")

    # Hostile text stays text.
    b.get(site + "?q=lighthouse")
    headline = b.js("return document.querySelector('#hits h2 a').textContent")
    check("<script>" in headline and "<img" in headline, f"the hostile headline shows as text: {headline}")
    check(b.js("return document.querySelectorAll('main img, main script').length") == 0, "no injected elements")
    check(b.js("return window.pwned === undefined"), "no injected script ran")
    article = b.js("return document.querySelector('#hits h2 a').getAttribute('href')")
    b.get(urllib.parse.urljoin(site, article))
    check(b.js("return document.querySelectorAll('main img, main script').length") == 0, "article page: no injected elements")
    check(b.js("return window.pwned === undefined"), "article page: no injected script ran")

    # Usable at 1400 px and at 375 px.
    b.get(site + "?q=putin")
    side = b.js(
        "const r = document.getElementById('facets').getBoundingClientRect(),"
        " h = document.getElementById('hits').getBoundingClientRect(); return [r.left, h.right]"
    )
    check(side[0] >= side[1], "at 1400 px the facets sit beside the hits")
    if screenshot:
        size = b.screenshot(screenshot)
        check(size > 10_000, f"screenshot {screenshot} ({size} bytes)")
    b.resize(375, 800)
    b.get(site + "?q=putin")
    widths = b.js("return [document.documentElement.scrollWidth, window.innerWidth]")
    check(widths[0] <= widths[1], f"at 375 px nothing scrolls sideways: {widths}")
    stacked = b.js(
        "return document.getElementById('facets').getBoundingClientRect().top >="
        " document.getElementById('hits').getBoundingClientRect().bottom"
    )
    check(stacked, "at 375 px the facets come below the hits")
    shot = os.path.join(tempfile.gettempdir(), "morgue-serve-375.png")
    check(b.screenshot(shot) > 1000, "a 375 px screenshot")


if __name__ == "__main__":
    sys.exit(main())
