import io
import os
from urllib.parse import urljoin

import pandas as pd
import requests

BASE = os.environ.get("GEOBRIEF_URL", "http://localhost:3000")

# Every claim in one DataFrame: format=csv streams all pages in one response.
csv = requests.get(f"{BASE}/v1/claims", params={"format": "csv"}, timeout=60)
csv.raise_for_status()
claims = pd.read_csv(io.StringIO(csv.text))
print(claims.groupby("kind").size().to_string())

# JSON page by page, following the Link header (requests parses it into r.links).
url, events = f"{BASE}/v1/events?limit=10", []
while url:
    r = requests.get(url, timeout=60)
    r.raise_for_status()
    events += r.json()["data"]
    url = urljoin(BASE, r.links["next"]["url"]) if "next" in r.links else None
print(f"{len(events)} events")

# Errors are RFC 9457 problems (application/problem+json) with a stable code.
r = requests.get(f"{BASE}/v1/actors/atlantis", timeout=60)
problem = r.json()
print(r.status_code, r.headers["content-type"].split(";")[0], problem["code"])
