"""The peer for bench/crawl_bench.py: a minimal Scrapy CrawlSpider over the same site.

    python bench/scrapy_peer.py http://127.0.0.1:PORT/ 4     # prints one JSON line of figures

Same concurrency per host as oitcheck, no delay, no autothrottle, robots.txt obeyed, no HTTP cache.
Follows every in-site link, and downloads PDFs too (Scrapy's LinkExtractor skips .pdf by default, so a
second rule allows them); PDF bodies are not parsed or stored (oitcheck parses them: see CPU figures).
HTML pages are parsed only by the link extractor (lxml), as a crawler that stores nothing would.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor
from scrapy.spiders import CrawlSpider, Rule

COUNTS = {"html": 0, "pdf": 0, "other": 0, "bytes": 0}
TIMES: dict[str, float] = {}


class SiteSpider(CrawlSpider):
    name = "site"

    rules = (
        Rule(LinkExtractor(allow=(r"\.pdf$",), deny_extensions=[]), callback="parse_doc", follow=False),
        Rule(LinkExtractor(), callback="parse_page", follow=True),
    )

    def parse_start_url(self, response):  # the home page counts as a page
        return self.parse_page(response)

    def parse_page(self, response):
        COUNTS["html" if b"html" in response.headers.get("Content-Type", b"") else "other"] += 1
        COUNTS["bytes"] += len(response.body)
        return []

    def parse_doc(self, response):
        COUNTS["pdf"] += 1
        COUNTS["bytes"] += len(response.body)
        return []


def main() -> None:
    url, c = sys.argv[1], int(sys.argv[2])
    host = urlsplit(url).hostname
    SiteSpider.start_urls = [url]
    SiteSpider.allowed_domains = [host]
    process = CrawlerProcess(
        settings={
            "ROBOTSTXT_OBEY": True,
            "CONCURRENT_REQUESTS": c,
            "CONCURRENT_REQUESTS_PER_DOMAIN": c,
            "DOWNLOAD_DELAY": 0,
            "RANDOMIZE_DOWNLOAD_DELAY": False,
            "AUTOTHROTTLE_ENABLED": False,
            "HTTPCACHE_ENABLED": False,
            "DEPTH_LIMIT": 12,
            "LOG_LEVEL": "ERROR",
            "TELNETCONSOLE_ENABLED": False,
            "COOKIES_ENABLED": False,
            "DOWNLOAD_MAXSIZE": 30_000_000,
            "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        }
    )
    crawler = process.create_crawler(SiteSpider)
    cpu0, t0 = time.process_time(), time.perf_counter()
    process.crawl(crawler)
    process.start()
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    stats = crawler.stats.get_stats()
    fetches = COUNTS["html"] + COUNTS["pdf"] + COUNTS["other"]
    print(
        json.dumps(
            {
                "tool": "scrapy",
                "concurrency": c,
                "wall_s": round(wall, 2),
                "crawl_s": round(wall, 2),
                "html_pages": COUNTS["html"],
                "documents": COUNTS["pdf"],
                "fetches": fetches,
                "requests": stats.get("downloader/request_count"),  # includes robots.txt
                "robots_skipped": stats.get("robotstxt/forbidden", 0),
                "pages_per_s": round(COUNTS["html"] / wall, 1),
                "req_per_s": round(fetches / wall, 1),
                "cpu_total_s": round(cpu, 2),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
