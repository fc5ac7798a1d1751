"""Load the app under gunicorn with wrk: the checks' throughput against the health endpoint,
and autosave and sign-in limits under load, on one app server or two.

    .venv/bin/python benchmarks/benchmark_load.py [--duration 20] [--rounds 2] [--connections 16]
        [--workers 2] [--threads 1] [--max-requests N] [--endpoints health,htmx-1k] [--corpus DIR]
    .venv/bin/python benchmarks/benchmark_load.py --duration 3 --rounds 1     # a quick look
    scripts/with-postgres .venv/bin/python benchmarks/benchmark_load.py           # on PostgreSQL
    scripts/with-postgres .venv/bin/python benchmarks/benchmark_load.py --two-servers [--redis-url URL]

Needs wrk (Debian: ``apt-get install -y wrk``). It starts gunicorn (gunicorn.conf.py, with
GUNICORN_BIND/WORKERS/THREADS from the flags, WEBAPP_ENV=production, a random SECRET_KEY)
on 127.0.0.1, on a new SQLite file in a temporary folder, or on DATABASE_URL when it is set
(the schema is made with ``flask db upgrade``), and stops it at the end.

Measure the throughput targets on PostgreSQL (``scripts/with-postgres``), the database
of a deployment under this load. On SQLite the health endpoint's rolled-back INSERT takes
the file's one write lock, so the workers queue for it and the baseline swings: over
three 10-second rounds on 2 cores it answered 606 to 1,061 requests a second on
SQLite and 758 to 804 on PostgreSQL (November 2026).

One server (the default): rounds of wrk runs, each ``--duration`` seconds at
``--connections`` connections, interleaved so that a slow patch of the machine hits every
endpoint alike:

  * health: ``GET /_status`` (a SELECT and a rolled-back INSERT), the baseline;
  * api-1k: ``POST /api/v1/check`` with a 1,000-word advert (JSON);
  * htmx-1k, htmx-10k: the live check, ``POST /check`` as htmx sends it (session cookie,
    CSRF token, ``HX-Request-Type: partial``), with 1,000 and 10,000 words; the answer
    is the results fragment;
  * autosave: ``POST /drafts/<id>`` as the editor sends it, every connection the same
    editing session, each save with a new text and a higher ``edit_sequence`` (the
    time it was sent), carrying the version from its connection's last answer.

Each round prints the load average (other work on the machine shows in the figures),
requests a second (every answer, whatever its status), latency percentiles, errors
(non-2xx answers and socket errors or timeouts; an autosave's 409 is counted as a
conflict, not an error), the mean answer size ("kB/ans") and each endpoint's
throughput of 2xx answers as a ratio of the health endpoint's in the same round, so the
machine's speed cancels out. The summary gives medians over rounds and the targets:
0 errors; htmx-1k at least 0.4 of health; htmx-10k at least 0.1; autosave: every save
answered 200 or 409, the versions in the database never going backwards while it runs,
and the final text the one with the highest edit sequence among the saves answered 200
(or a later one still in flight when wrk stopped).

The API's own rate limit (60 a minute from one address) is raised for the run, so the
API's cost is measured rather than its 429s. gunicorn replaces a worker after 20,000
to 25,000 requests (gunicorn.conf.py), about once a minute per worker at the health
endpoint's rate; the count is printed at the end, and ``--max-requests 0`` turns it off to see its cost.

Two servers (``--two-servers``, needs DATABASE_URL on PostgreSQL): two gunicorn processes
on two ports with one database and one Redis (``--redis-url``, or a throwaway
``redis-server`` started here) as RATELIMIT_STORAGE_URI. Each round, autosaves to one
draft go through both servers at once (two wrk processes, half the connections each,
one editing session); then wrong-password sign-ins alternate between the servers: one
account one at a time, a fresh account in parallel bursts, then unknown addresses until
the per-address limit answers 429. The limits hold across servers when the number of
wrong passwords let through is the configured limit, not twice it. One-server runs do
the same sign-in checks on their one server (memory storage, counted per worker process
unless ``--redis-url`` is given). The parallel bursts are shown, not a target: the limits
count a wrong password once it has been checked, so attempts already under way when the
limit is reached still get their answer.

Exit status: 0 when every target is met (sign-in limits included), 1 when one is not,
2 when something needed is missing (wrk, PostgreSQL for --two-servers, redis-server).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"

# An NHS digital job advert in our own words, with about 3 coded words in 100 like the
# real adverts in our research ("ambitious", "collaborative", "confident", "supportive",
# "driven"...). It is repeated to the sizes measured.
ADVERT = "\n\n".join([
    "Senior User Researcher, Digital Services",
    ("Northfield and Vale NHS Foundation Trust is looking for an ambitious and collaborative senior user "
     "researcher to join our growing digital team. You will help us learn what patients, carers and "
     "staff need from the services we build, from booking an appointment to reading test results at "
     "home."),
    "About the role",
    ("You will plan and lead research with people who use our services, including people with access "
     "needs and people who rarely use digital services. You will present what you learn to product "
     "managers, designers, developers and clinicians, and help the team make confident, evidence-based "
     "choices. We want someone who is supportive of colleagues, curious about how things work and "
     "comfortable working in the open."),
    "Main duties",
    ("Plan, run and write up research using a range of methods, such as interviews, usability testing, "
     "diary studies and surveys. Work with clinical and operational teams to recruit participants "
     "ethically and safely, following the Trust's information governance policies. Turn findings into "
     "clear, actionable insights and present them to the team and to senior stakeholders. Coach and "
     "mentor other researchers and help build a research community across the Trust. Make sure research "
     "is inclusive and that the voices of under-represented groups are heard."),
    "About you",
    ("You will be an experienced user researcher with a track record of shaping digital services through "
     "research. You are analytical and driven, but also patient, and you enjoy working in a "
     "multidisciplinary team. You can explain complex findings simply and you are happy to question "
     "assumptions when the evidence points another way. Experience of working in health or another "
     "regulated public service would be useful but is not essential."),
    "What we offer",
    ("We offer flexible and hybrid working, 27 days of annual leave rising with service, the NHS Pension "
     "Scheme and time for your learning and development. We are a Disability Confident employer and we "
     "welcome applications from everyone, especially people from groups under-represented in digital "
     "roles. If you need adjustments at any stage, tell us and we will make them."),
]) + "\n"

# The fields the draft editor posts, besides the job description that each save changes.
DRAFT_FORM = {
    "job_title": "Senior User Researcher",
    "band": "Band 7",
    "salary": "£47,810 to £54,710 a year",
    "location": "Northfield General Hospital, with hybrid working",
    "working_pattern": "Full time, hybrid",
    "closing_date": "12 January 2027",
    "job_summary": ("We are looking for an ambitious and collaborative senior user researcher to help us build "
                    "digital services that patients and staff can rely on."),
    "main_duties": ("Plan and lead research with patients, carers and staff. Share findings with the team and "
                    "senior stakeholders. Coach other researchers."),
    "about_us": ("Northfield and Vale NHS Foundation Trust runs two hospitals and community services for "
                 "half a million people. We are a Disability Confident employer."),
    "essential": ["Experience of planning and leading user research", "Able to explain findings clearly",
                  "Experience of inclusive research with people with access needs"],
    "desirable": ["Experience in health or care services"],
}
DRAFT_TEXT = ADVERT.split("\n\nAbout you")[0].strip()  # the job description's base text
SEQUENCE_RE = re.compile(r" Edit number (\d+)\.$")

KINDS = ("health", "api-1k", "htmx-1k", "htmx-10k", "autosave")
TARGETS = {"htmx-1k": 0.4, "htmx-10k": 0.1}  # at least this ratio to health


# ---------------------------------------------------------------------------- texts

def text_of(words: int, source: str) -> str:
    """``source`` repeated to exactly ``words`` words (line breaks kept)."""
    pieces = source.split(" ")
    return " ".join((pieces * (words // len(pieces) + 1))[:words])


def advert_source(corpus: Path | None) -> str:
    if corpus is None:
        return ADVERT
    files = sorted(corpus.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {corpus}")
    return "\n\n".join(p.read_text(encoding="utf-8") for p in files)


def draft_text(sequence: int) -> str:
    """The job description an autosave with this edit sequence sends."""
    return f"{DRAFT_TEXT} Edit number {sequence}."


# ---------------------------------------------------------------------------- processes

def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def stop_process_group(process: subprocess.Popen, grace: float = 30) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


class Server:
    """One gunicorn, in its own process group, logging to a file."""

    def __init__(self, name: str, env: dict, workdir: Path, extra_args: tuple[str, ...] = ()):
        self.name = name
        self.extra_args = extra_args  # gunicorn's command line wins over gunicorn.conf.py
        self.port = free_port()
        self.env = {**env, "GUNICORN_BIND": f"{HOST}:{self.port}"}
        self.log_path = workdir / f"gunicorn-{name}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "wsgi:app", *self.extra_args],
                                            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/_status", timeout=2) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn {self.name} did not answer /_status in {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process:
            stop_process_group(self.process)

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def workers_booted(self) -> int:
        return self.log_text().count("Booting worker")

    def tracebacks(self) -> int:
        return self.log_text().count("Traceback (most recent call last)")


def start_redis(workdir: Path) -> tuple[subprocess.Popen, str]:
    if not shutil.which("redis-server"):
        print("redis-server is not installed. On Debian or Ubuntu: apt-get install -y redis-server\n"
              "(or give a running Redis with --redis-url redis://host:port/0)", file=sys.stderr)
        sys.exit(2)
    port = free_port()
    with open(workdir / "redis.log", "wb") as log:
        process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", HOST, "--save", "",
                                    "--appendonly", "no", "--dir", str(workdir)],
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex((HOST, port)) == 0:
                return process, f"redis://{HOST}:{port}/0"
        time.sleep(0.1)
    stop_process_group(process)
    sys.exit("redis-server did not start: see " + str(workdir / "redis.log"))


# ---------------------------------------------------------------------------- HTTP set-up

@dataclass
class Answer:
    status: int
    body: str
    url: str


class Browser:
    """A cookie jar and the CSRF token of its session: what a signed-in (or anonymous)
    person's browser sends. Redirects are followed."""

    TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.token = ""

    def request(self, url: str, data: dict | str | bytes | None = None, headers: dict | None = None) -> Answer:
        if isinstance(data, dict):
            data = urllib.parse.urlencode(data, doseq=True)
        if isinstance(data, str):
            data = data.encode()
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return Answer(response.status, response.read().decode("utf-8", "replace"), response.url)
        except urllib.error.HTTPError as error:
            with error:
                return Answer(error.code, error.read().decode("utf-8", "replace"), error.url)

    def get_token(self, url: str) -> str:
        """GET a page with a form and keep its CSRF token."""
        answer = self.request(url)
        match = self.TOKEN_RE.search(answer.body)
        if answer.status != 200 or not match:
            raise RuntimeError(f"no CSRF token at {url} ({answer.status})")
        self.token = match.group(1)
        return self.token

    def post_form(self, url: str, form: dict) -> Answer:
        return self.request(url, {**form, "csrf_token": self.token})

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def register(base: str) -> tuple[Browser, str]:
    """A new account in a new organisation, signed in. Returns the browser and the email."""
    browser = Browser()
    browser.get_token(base + "/register")
    email = f"load-{secrets.token_hex(4)}@example.nhs.uk"
    password = secrets.token_urlsafe(16)
    answer = browser.post_form(base + "/register", {
        "name": "Load Test", "email": email, "organisation": f"Load test trust {secrets.token_hex(4)}",
        "password": password, "confirm": password})
    if answer.status != 200 or "/drafts" not in answer.url:
        raise RuntimeError(f"registering failed ({answer.status}, {answer.url}):\n{answer.body[:500]}")
    return browser, email


def new_draft(base: str, browser: Browser) -> str:
    browser.get_token(base + "/drafts/new")
    answer = browser.post_form(base + "/drafts/new", {"start": "blank"})
    match = re.search(r"/drafts/([A-Za-z0-9_-]+)$", urllib.parse.urlparse(answer.url).path)
    if answer.status != 200 or not match:
        raise RuntimeError(f"making a draft failed ({answer.status}, {answer.url})")
    return match.group(1)


def htmx_headers(browser: Browser) -> dict:
    return {"HX-Request": "true", "HX-Request-Type": "partial", "X-CSRFToken": browser.token,
            "Cookie": browser.cookie_header(), "Content-Type": "application/x-www-form-urlencoded"}


def autosave_form(sequence: int, version: int, session: str) -> str:
    """The editor's form, URL-encoded, as an autosave posts it."""
    fields = [(k, v) for k, value in DRAFT_FORM.items() for v in (value if isinstance(value, list) else [value])]
    fields += [("version", version), ("editing_session", session), ("edit_sequence", sequence),
               ("job_description", draft_text(sequence))]
    return urllib.parse.urlencode(fields)


# ---------------------------------------------------------------------------- wrk scripts

LUA_COMMON = r"""
local function read(path)
  local f = assert(io.open(path, "rb")); local s = f:read("*a"); f:close(); return s
end
local threads = {}
function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end
codes = {}
"""

LUA_DONE = r"""
local function encode(value)
  if type(value) == "table" then
    local parts = {}
    for k, v in pairs(value) do table.insert(parts, string.format("%q:%s", tostring(k), encode(v))) end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif type(value) == "number" then return string.format("%.0f", value)
  else return string.format("%q", tostring(value)) end
end
function done(summary, latency, requests)
  local out = {requests = summary.requests, duration_us = summary.duration, bytes = summary.bytes,
               errors = summary.errors, p50 = latency:percentile(50), p95 = latency:percentile(95),
               p99 = latency:percentile(99), max = latency.max, threads = {}}
  for i, t in ipairs(threads) do
    local stats = {codes = t:get("codes")}
    for _, name in ipairs(THREAD_STATS) do stats[name] = t:get(name) end
    out.threads[tostring(i)] = stats
  end
  io.write("\nBENCH_JSON " .. encode(out) .. "\n")
end
"""

LUA_FIXED = r"""
if BODY_FILE then
  wrk.method = "POST"
  wrk.body = read(BODY_FILE)
end
THREAD_STATS = {}
function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end
"""

# Each save: a text and an edit sequence of its own. The sequence is the monotonic clock
# in microseconds since EPOCH_US when the request is made (so later edits have higher
# numbers, across threads and across wrk processes) times 64 plus the thread's number
# (so no two are equal; hence at most 64 connections).
LUA_AUTOSAVE = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]]
local clock = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000000 + math.floor(tonumber(clock.tv_nsec) / 1000)
end

wrk.method = "POST"
local FORM = read(BODY_FILE)  -- every field but version, edit_sequence, job_description
local TEXT = read(TEXT_FILE)  -- the job description's URL-encoded base text
THREAD_STATS = {"sent", "saved", "conflicts", "max_saved", "max_sent", "in_flight", "abandoned", "last_status"}
sent, saved, conflicts, max_saved, max_sent, in_flight, last_status = 0, 0, 0, -1, -1, -1, 0
-- Saves made but never answered: wrk makes a request again when its first write has to
-- wait (nothing sent), or the connection broke (the server may have saved it).
abandoned = {}
version = START_VERSION

function request()
  if in_flight >= 0 then table.insert(abandoned, in_flight) end
  local sequence = string.format("%.0f", (now_us() - EPOCH_US) * 64 + THREAD_OFFSET + index)
  in_flight = tonumber(sequence)
  if in_flight > max_sent then max_sent = in_flight end
  sent = sent + 1
  local body = FORM .. "&version=" .. version .. "&edit_sequence=" .. sequence ..
               "&job_description=" .. TEXT .. "+Edit+number+" .. sequence .. "."
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
  last_status = status
  if status == 200 then
    saved = saved + 1
    if in_flight > max_saved then max_saved = in_flight end
    -- as the editor does: the next save names the version this answer gives
    version = string.match(body, 'data%-version="(%d+)"') or version
  elseif status == 409 then
    conflicts = conflicts + 1
  end
  in_flight = -1
end
"""


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal for these values


def fixed_script(path: Path, headers: dict | None = None, body: str | None = None) -> Path:
    """The same request every time: a GET, or a POST of ``body``."""
    lines = []
    if body is not None:
        body_file = path.with_suffix(".body")
        body_file.write_text(body, encoding="utf-8")
        lines.append(f"BODY_FILE = {lua_string(str(body_file))}")
    lines += [LUA_COMMON, LUA_FIXED]
    headers = headers or {}
    lines += [f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items()]
    path.write_text("\n".join(lines) + LUA_DONE, encoding="utf-8")
    return path


def autosave_script(path: Path, public_id: str, browser: Browser, session: str, version: int,
                    epoch_us: int, thread_offset: int = 0) -> Path:
    form = urllib.parse.parse_qsl(autosave_form(0, version, session))
    static = urllib.parse.urlencode([(k, v) for k, v in form
                                     if k not in ("version", "edit_sequence", "job_description")])
    path.with_suffix(".body").write_text(static, encoding="utf-8")
    path.with_suffix(".text").write_text(urllib.parse.quote_plus(DRAFT_TEXT), encoding="utf-8")
    lines = [f"BODY_FILE = {lua_string(str(path.with_suffix('.body')))}",
             f"TEXT_FILE = {lua_string(str(path.with_suffix('.text')))}",
             f"START_VERSION = {version}", f"EPOCH_US = {epoch_us}", f"THREAD_OFFSET = {thread_offset}",
             LUA_COMMON, LUA_AUTOSAVE]
    lines += [f"wrk.headers[{lua_string(k)}] = {lua_string(v)}" for k, v in htmx_headers(browser).items()]
    lines.append(f"wrk.path = {lua_string('/drafts/' + public_id)}")
    path.write_text("\n".join(lines) + LUA_DONE, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- running wrk

@dataclass
class Run:
    """One wrk run (or several at once, merged)."""

    kind: str
    requests: int
    seconds: float
    bytes: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    codes: dict[int, int]
    socket_errors: int
    threads: list[dict] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)  # autosave: what held
    notes: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def ok_rps(self) -> float:
        return sum(n for code, n in self.codes.items() if 200 <= code < 300) / self.seconds

    @property
    def conflicts(self) -> int:
        return self.codes.get(409, 0) if self.kind.startswith("autosave") else 0

    @property
    def errors(self) -> int:
        bad = sum(n for code, n in self.codes.items() if not 200 <= code < 300)
        return bad - self.conflicts + self.socket_errors

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.codes.items() if code >= 500)


def run_wrk(url: str, script: Path, connections: int, duration: float, timeout: float) -> subprocess.Popen:
    """wrk, started. One connection per wrk thread: each thread's requests and answers
    then alternate, which the autosave script relies on (and every endpoint gets the
    same client). wrk counts a timeout for a request still unanswered after ``timeout``,
    but goes on waiting for it."""
    command = ["wrk", "-t", str(connections), "-c", str(connections), "-d", f"{duration:g}s",
               "--timeout", f"{timeout:g}s", "-s", str(script), url]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wrk_result(kind: str, process: subprocess.Popen) -> Run:
    out, err = process.communicate()
    line = next((text for text in out.splitlines() if text.startswith("BENCH_JSON ")), None)
    if process.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed ({process.returncode}):\n{out}\n{err}")
    data = json.loads(line[len("BENCH_JSON "):])
    codes: dict[int, int] = {}
    threads = list(data["threads"].values())
    for thread in threads:
        for code, n in (thread.get("codes") or {}).items():
            codes[int(code)] = codes.get(int(code), 0) + int(n)
    errors = data["errors"]
    # wrk's "status" errors are answers >= 400, already in codes.
    socket_errors = sum(int(errors[k]) for k in ("connect", "read", "write", "timeout"))
    return Run(kind, int(data["requests"]), int(data["duration_us"]) / 1e6, int(data["bytes"]),
               int(data["p50"]) / 1000, int(data["p95"]) / 1000, int(data["p99"]) / 1000, codes, socket_errors,
               threads)


def merge(kind: str, runs: list[Run]) -> Run:
    """Runs made at the same time against different servers, as one."""
    codes: dict[int, int] = {}
    for run in runs:
        for code, n in run.codes.items():
            codes[code] = codes.get(code, 0) + n
    # Percentiles cannot be merged exactly: the worse of the two is shown.
    return Run(kind, sum(r.requests for r in runs), max(r.seconds for r in runs), sum(r.bytes for r in runs),
               max(r.p50_ms for r in runs), max(r.p95_ms for r in runs), max(r.p99_ms for r in runs), codes,
               sum(r.socket_errors for r in runs), [t for r in runs for t in r.threads])


# ---------------------------------------------------------------------------- the database

class DraftWatch:
    """Reads one draft's version and text from the database, as the servers save it:
    every ``interval`` seconds in a thread while the load runs, and once at the end."""

    def __init__(self, database_url: str, public_id: str, interval: float = 0.1):
        import sqlalchemy as sa

        from webapp.models import Draft

        table = Draft.__table__
        self.engine = sa.create_engine(database_url)
        self.query = sa.select(table.c.version, table.c.job_description).where(table.c.public_id == public_id)
        self.interval = interval
        self.samples: list[tuple[int, int | None]] = []
        self.read_errors = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def read(self) -> tuple[int, str]:
        with self.engine.connect() as connection:
            version, text = connection.execute(self.query).one()
        return version, text

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                version, text = self.read()
                match = SEQUENCE_RE.search(text or "")
                self.samples.append((version, int(match.group(1)) if match else None))
            except Exception:  # a locked SQLite file: try again next time
                self.read_errors += 1
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def backwards(self) -> int:
        """How many readings went back: a lower version, or an older edit's text."""
        count = 0
        for (v1, s1), (v2, s2) in zip(self.samples, self.samples[1:]):
            if v2 < v1 or (s1 is not None and (s2 is None or s2 < s1)):
                count += 1
        return count

    def settled(self, timeout: float = 15) -> tuple[int, str]:
        """The draft once the servers have finished the saves still in flight."""
        deadline = time.monotonic() + timeout
        last = self.read()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self.read()
            if now == last:
                return now
            last = now
        return last

    def close(self) -> None:
        self.engine.dispose()


def check_autosave(run: Run, watch: DraftWatch, version_before: int) -> None:
    """What held in an autosave run: answers, ordering, and the final text."""
    version, text = watch.settled()
    match = SEQUENCE_RE.search(text)
    final = int(match.group(1)) if match else None
    max_saved = max(int(t["max_saved"]) for t in run.threads)
    max_sent = max(int(t["max_sent"]) for t in run.threads)
    in_flight = {int(t["in_flight"]) for t in run.threads if int(t["in_flight"]) >= 0}
    abandoned = {int(s) for t in run.threads for s in (t.get("abandoned") or {}).values()}
    answered = sum(int(t["saved"]) + int(t["conflicts"]) for t in run.threads)
    sent_text = final is not None and text == draft_text(final)
    # Saves whose answer wrk never read may have landed after the newest one answered 200.
    newest = final is not None and (final == max_saved or (final > max_saved and final in in_flight | abandoned))
    run.checks = {
        "only 200 or 409": run.errors == 0,
        "no 5xx": run.server_errors == 0,
        "versions never went back": watch.backwards() == 0,
        "final text is one sent": sent_text,
        "final text is the newest saved": newest,
    }
    run.notes.append(f"{sum(int(t['sent']) for t in run.threads):,} saves made: {answered:,} answered "
                     f"({run.codes.get(200, 0):,} saved, {run.conflicts:,} conflicts), {len(in_flight)} in flight "
                     f"at the end, {len(abandoned)} made again or cut off")
    run.notes.append(f"versions {version_before} -> {version}; {len(watch.samples)} readings of the database, "
                     f"{watch.backwards()} going back")
    if run.conflicts:
        # Every save here is from one editing session, which save_draft never counts as a
        # conflict with itself: these are saves that read the same version at once, and
        # the loser of the UPDATE ... WHERE version = n is answered 409.
        run.notes.append(f"the {run.conflicts:,} conflicts are all within one editing session: saves that raced for "
                         f"the same version")
    if final is None:
        run.notes.append("final text is none of the texts sent")
    elif final == max_sent:
        run.notes.append("final text is the last one sent")
    else:
        holder = next(t for t in run.threads if int(t["max_sent"]) == max_sent)
        fate = ("no answer: in flight when wrk stopped" if int(holder["in_flight"]) == max_sent
                else "no answer: its connection broke" if max_sent in abandoned
                else f"answered {holder['last_status']}")
        run.notes.append(f"final text is the newest saved; the last one sent ({(max_sent - final) / 64 / 1000:.1f} ms "
                         f"later) got {fate}")


# ---------------------------------------------------------------------------- reporting

def ratio_of(run: Run, health: Run | None) -> float | None:
    return run.ok_rps / health.ok_rps if health and health.ok_rps else None


def print_runs(title: str, runs: list[Run]) -> None:
    health = next((r for r in runs if r.kind == "health"), None)
    print(f"\n{title} (load average now {os.getloadavg()[0]:.1f})")
    print(f"{'endpoint':<18} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'409s':>6} "
          f"{'kB/ans':>7} {'x health':>9}")
    for run in runs:
        ratio = ratio_of(run, health)
        size = run.bytes / run.requests / 1000 if run.requests else 0
        print(f"{run.kind:<18} {run.rps:>8.1f} {run.p50_ms:>8.1f} {run.p95_ms:>8.1f} {run.p99_ms:>8.1f} "
              f"{run.errors:>7} {run.conflicts:>6} {size:>7.1f} {'' if ratio is None else f'{ratio:.3f}':>9}")
        details = [f"{n} answered {code}" for code, n in sorted(run.codes.items())
                   if not 200 <= code < 300 and not (code == 409 and run.conflicts)]
        if run.socket_errors:
            details.append(f"{run.socket_errors} socket errors or timeouts")
        if details:
            print(f"{'':<18} errors: {', '.join(details)}")
        for note in run.notes:
            print(f"{'':<18} {note}")
        if run.checks:
            print(f"{'':<18} " + "; ".join(f"{name}: {'yes' if ok else 'NO'}" for name, ok in run.checks.items()))


def print_summary(rounds: list[list[Run]]) -> bool:
    """Medians over rounds, and the targets. True when every target is met."""
    print(f"\nSummary over {len(rounds)} round{'s' if len(rounds) != 1 else ''} (medians; ratios are 2xx req/s "
          f"over health's in the same round)")
    print(f"{'endpoint':<18} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'409s':>6} "
          f"{'x health':>9}  ratios by round")
    ok = True
    kinds = [run.kind for run in rounds[0]]
    for kind in kinds:
        runs = [next(r for r in round_ if r.kind == kind) for round_ in rounds]
        healths = [next((r for r in round_ if r.kind == "health"), None) for round_ in rounds]
        ratios = [ratio_of(run, health) for run, health in zip(runs, healths)]
        ratios = [r for r in ratios if r is not None]
        median_ratio = statistics.median(ratios) if ratios and kind != "health" else None
        print(f"{kind:<18} {statistics.median(r.rps for r in runs):>8.1f} "
              f"{statistics.median(r.p50_ms for r in runs):>8.1f} {statistics.median(r.p95_ms for r in runs):>8.1f} "
              f"{statistics.median(r.p99_ms for r in runs):>8.1f} {sum(r.errors for r in runs):>7} "
              f"{sum(r.conflicts for r in runs):>6} {'' if median_ratio is None else f'{median_ratio:.3f}':>9}  "
              + (" ".join(f"{r:.3f}" for r in ratios) if kind != "health" else ""))
    print("\nTargets")
    errors = sum(r.errors for round_ in rounds for r in round_)
    ok &= report_target("0 errors (non-2xx other than autosave's 409, socket errors, timeouts)", errors == 0,
                        f"{errors} errors")
    for kind, target in TARGETS.items():
        ratios = [ratio_of(next(r for r in round_ if r.kind == kind), next(r for r in round_ if r.kind == "health"))
                  for round_ in rounds if any(r.kind == kind for r in round_)]
        if ratios:
            ok &= report_target(f"{kind} at least {target} of health in every round", min(ratios) >= target,
                                "ratios " + ", ".join(f"{r:.3f}" for r in ratios))
    autosaves = [r for round_ in rounds for r in round_ if r.checks]
    for name in (autosaves[0].checks if autosaves else {}):
        held = [r.checks[name] for r in autosaves]
        ok &= report_target(f"autosave: {name}", all(held), f"{sum(held)} of {len(held)} runs")
    return ok


def report_target(name: str, met: bool, detail: str) -> bool:
    print(f"  {'met    ' if met else 'NOT MET'}  {name}: {detail}")
    return met


# ---------------------------------------------------------------------------- sign-in limits

def leading_number(limit: str) -> int:
    match = re.match(r"\s*(\d+)", limit or "")
    return int(match.group(1)) if match else 0


def sign_in_limits(servers: list[Server], workers: int, email: str, redis_url: str | None, key_prefix: str) -> bool:
    """Wrong passwords spread over the servers until the limits answer 429. True when
    each series is refused in the end and the numbers let through are the configured
    limits: exactly, with Redis; with memory storage each worker process counts on its
    own (as documented), so the target is at least the limit and at most the limit
    times the processes, and each series sends enough attempts to pass that."""
    from webapp.config import Config

    per_account = leading_number(getattr(Config, "RATELIMIT_SIGN_IN_PER_ACCOUNT", ""))
    per_address = leading_number(getattr(Config, "RATELIMIT_SIGN_IN_PER_ADDRESS", ""))
    storage = redis_url or (f"memory:// (each of the {len(servers) * workers} worker processes counts on its own, "
                            f"so up to {len(servers) * workers} times a limit gets through)")
    print(f"\nSign-in limits: wrong passwords alternating over {len(servers)} "
          f"server{'s' if len(servers) > 1 else ''}; storage {storage}")
    if not per_account:
        print("  the app has no sign-in rate limit yet (RATELIMIT_SIGN_IN_PER_ACCOUNT): skipped")
        return True
    processes = 1 if redis_url else len(servers) * workers

    def within(allowed: int, limit: int) -> bool:
        return allowed == limit if processes == 1 else limit <= allowed <= limit * processes

    def refused(statuses: list[int]) -> bool:
        return 429 in statuses

    def limit_text(limit: int) -> str:
        return f"limit {limit}" if processes == 1 else f"limit {limit} per process, so {limit} to {limit * processes}"

    browser = Browser()
    browser.get_token(servers[0].url + "/sign-in")

    def attempt(number: int, address: str) -> int:
        server = servers[number % len(servers)]
        answer = browser.post_form(server.url + "/sign-in", {"email": address, "password": "not-the-password-123"})
        return answer.status

    def describe(statuses: list[int]) -> tuple[int, str]:
        allowed = statuses.count(422)
        first = next((i + 1 for i, s in enumerate(statuses) if s == 429), None)
        other = {s: statuses.count(s) for s in set(statuses) if s not in (422, 429)}
        text = f"{allowed} let through (422), {statuses.count(429)} refused (429)"
        text += f", first 429 at attempt {first}" if first else ", never refused"
        return allowed, text + (f", other answers {other}" if other else "")

    ok = True
    # One account, one attempt at a time.
    statuses = [attempt(i, email) for i in range(per_account * processes + per_account + 2)]
    allowed_one, text = describe(statuses)
    ok &= report_target(f"one account, one at a time ({limit_text(per_account)})",
                        within(allowed_one, per_account) and refused(statuses), text)
    # A fresh account, in parallel bursts: the count is taken after the password check, so
    # attempts already in progress when the limit is reached may get through.
    burst = 8
    fresh = f"burst-{secrets.token_hex(4)}@example.nhs.uk"
    statuses = []
    with concurrent.futures.ThreadPoolExecutor(burst) as pool:
        for start in range(0, per_account * processes + per_account + burst, burst):
            statuses += list(pool.map(lambda i: attempt(i, fresh), range(start, start + burst)))
    allowed_burst, text = describe(statuses)
    report_target(f"one account, bursts of {burst} at once ({limit_text(per_account)}; shown, not a target)",
                  within(allowed_burst, per_account) and refused(statuses), text)
    # Unknown addresses, one at a time, until the per-address limit answers.
    if per_address:
        statuses = [attempt(i, f"nobody-{i}-{secrets.token_hex(3)}@example.nhs.uk")
                    for i in range(per_address * processes + 4)]
        allowed_many, text = describe(statuses)
        total = allowed_one + allowed_burst + allowed_many
        ok &= report_target(f"one address, any accounts ({limit_text(per_address)})",
                            within(total, per_address) and refused(statuses),
                            f"{total} wrong passwords let through from {HOST} in all; these last: {text}")
    if redis_url:
        try:
            import redis

            keys = redis.Redis.from_url(redis_url).keys(f"*{key_prefix}*")
            print(f"  Redis holds {len(keys)} rate-limit keys under the prefix {key_prefix!r}")
        except Exception as error:  # only a confirmation: the counts above are the test
            print(f"  could not list Redis keys: {error}")
    return ok


# ---------------------------------------------------------------------------- the modes

@dataclass
class Setup:
    args: argparse.Namespace
    workdir: Path
    database_url: str
    texts: dict[str, str]


def one_server(setup: Setup, servers: list[Server]) -> bool:
    args, workdir = setup.args, setup.workdir
    server = servers[0]
    base = server.url
    texts = setup.texts
    anonymous = Browser()  # the check page's visitor: a session cookie and its CSRF token
    anonymous.get_token(base + "/check")
    writer, email = register(base)
    json_header = {"Content-Type": "application/json"}
    scripts = {
        "health": fixed_script(workdir / "health.lua"),
        "api-1k": fixed_script(workdir / "api-1k.lua", json_header, json.dumps({"text": texts["1k"]})),
        "htmx-1k": fixed_script(workdir / "htmx-1k.lua", htmx_headers(anonymous),
                                urllib.parse.urlencode({"text": texts["1k"]})),
        "htmx-10k": fixed_script(workdir / "htmx-10k.lua", htmx_headers(anonymous),
                                 urllib.parse.urlencode({"text": texts["10k"]})),
    }
    paths = {"health": "/_status", "api-1k": "/api/v1/check", "htmx-1k": "/check", "htmx-10k": "/check"}
    preflight(base, anonymous, texts)

    rounds = []
    for number in range(1, args.rounds + 1):
        runs = []
        for kind in args.endpoints:
            if kind == "autosave":
                runs.append(noting_restarts(servers, lambda: autosave_run(setup, servers, writer)))
            else:
                runs.append(noting_restarts(servers, lambda: wrk_result(kind, run_wrk(
                    base + paths[kind], scripts[kind], args.connections, args.duration, args.timeout))))
        print_runs(f"Round {number} of {args.rounds}", runs)
        rounds.append(runs)
    ok = print_summary(rounds)
    if not args.skip_sign_in:
        ok &= sign_in_limits(servers, args.workers, email, args.redis_url, args.key_prefix)
    return ok


def noting_restarts(servers: list[Server], make_run) -> Run:
    """A run, with a note of the gunicorn workers replaced while it ran: a worker
    replaced after max_requests imports the app again, and the requests wait."""
    before = sum(server.workers_booted() for server in servers)
    run = make_run()
    replaced = sum(server.workers_booted() for server in servers) - before
    if replaced:
        run.notes.append(f"gunicorn replaced {replaced} worker{'s' if replaced > 1 else ''} during this run "
                         f"(max_requests)")
    if not run.requests:
        run.notes.append("no answer at all in this run")
    return run


def preflight(base: str, anonymous: Browser, texts: dict[str, str]) -> None:
    """One request of each kind before wrk runs, so a wrong header fails here, clearly."""
    for name, url, body, headers in (
        ("api-1k", "/api/v1/check", json.dumps({"text": texts["1k"]}), {"Content-Type": "application/json"}),
        ("htmx-1k", "/check", urllib.parse.urlencode({"text": texts["1k"]}), htmx_headers(anonymous)),
        ("htmx-10k", "/check", urllib.parse.urlencode({"text": texts["10k"]}), htmx_headers(anonymous)),
    ):
        start = time.perf_counter()
        answer = Browser().request(base + url, body, headers)
        took = (time.perf_counter() - start) * 1000
        if answer.status != 200:
            raise RuntimeError(f"{name}: {url} answered {answer.status}:\n{answer.body[:800]}")
        print(f"  preflight {name}: {answer.status}, {len(answer.body.encode()):,} bytes, {took:.0f} ms alone")


def autosave_run(setup: Setup, servers: list[Server], writer: Browser) -> Run:
    """Autosaves to a new draft, one editing session, through every server at once."""
    args, workdir = setup.args, setup.workdir
    base = servers[0].url
    public_id = new_draft(base, writer)
    writer.get_token(f"{base}/drafts/{public_id}")
    session = secrets.token_urlsafe(12)
    # The editor's first save, as a check that the form is right; the load goes on from it.
    first = writer.request(f"{base}/drafts/{public_id}", autosave_form(0, 1, session), htmx_headers(writer))
    version = re.search(r'data-version="(\d+)"', first.body)
    if first.status != 200 or not version:
        raise RuntimeError(f"the first autosave answered {first.status}:\n{first.body[:800]}")
    version = int(version.group(1))
    share = max(1, args.connections // len(servers))
    epoch_us = time.monotonic_ns() // 1000 - 1  # Python's monotonic clock is wrk's CLOCK_MONOTONIC
    watch = DraftWatch(setup.database_url, public_id)
    try:
        with watch:
            processes = []
            for i, server in enumerate(servers):
                script = autosave_script(workdir / f"autosave-{i}.lua", public_id, writer, session, version,
                                         epoch_us, thread_offset=i * share)
                url = f"{server.url}/drafts/{public_id}"
                processes.append(run_wrk(url, script, share, args.duration, args.timeout))
            runs = [wrk_result("autosave", p) for p in processes]
        kind = "autosave" if len(servers) == 1 else f"autosave x{len(servers)}"
        run = merge(kind, runs) if len(runs) > 1 else runs[0]
        check_autosave(run, watch, version)
    finally:
        watch.close()
    return run


def two_servers(setup: Setup, servers: list[Server]) -> bool:
    args = setup.args
    writer, email = register(servers[0].url)
    rounds = []
    for number in range(1, args.rounds + 1):
        run = noting_restarts(servers, lambda: autosave_run(setup, servers, writer))
        print_runs(f"Round {number} of {args.rounds}: autosave to one draft through both servers at once "
                   f"({args.connections // 2} connections each; percentiles are the worse server's)", [run])
        rounds.append([run])
    ok = print_summary(rounds)
    ok &= sign_in_limits(servers, args.workers, email, args.redis_url, args.key_prefix)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=20, help="seconds per wrk run (20)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every endpoint (2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server (2)")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (1, as gunicorn.conf.py)")
    parser.add_argument("--max-requests", type=int, help="gunicorn's max_requests (gunicorn.conf.py's 20,000 if not "
                                                           "given; 0: workers are never replaced)")
    parser.add_argument("--timeout", type=float, default=10, help="wrk's request timeout in seconds (10)")
    parser.add_argument("--endpoints", default=",".join(KINDS),
                        help=f"one server: which to run, comma-separated, health always first ({','.join(KINDS)})")
    parser.add_argument("--corpus", type=Path, help="folder of .txt adverts to repeat instead of the built-in one")
    parser.add_argument("--two-servers", action="store_true", help="two gunicorns, PostgreSQL and Redis")
    parser.add_argument("--redis-url", help="Redis for the rate limits (--two-servers starts one if not given)")
    parser.add_argument("--skip-sign-in", action="store_true", help="one server: leave out the sign-in limits")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, scripts, SQLite)")
    args = parser.parse_args()
    args.key_prefix = f"load-{secrets.token_hex(4)}"
    chosen = {kind.strip() for kind in args.endpoints.split(",") if kind.strip()}
    if chosen - set(KINDS):
        parser.error(f"--endpoints: unknown {', '.join(sorted(chosen - set(KINDS)))}; "
                     f"choose from {', '.join(KINDS)}")
    args.endpoints = [kind for kind in KINDS if kind in chosen | {"health"}]
    if not 1 <= args.connections <= 64:
        parser.error("--connections must be 1 to 64 (the autosave's edit sequences number 64 threads)")

    if not shutil.which("wrk"):
        print("wrk is not installed. On Debian or Ubuntu: apt-get install -y wrk\n"
              "(elsewhere: https://github.com/wg/wrk)", file=sys.stderr)
        return 2
    database_url = os.environ.get("DATABASE_URL", "").strip()
    if args.two_servers and not database_url.startswith(("postgres://", "postgresql")):
        print("--two-servers needs PostgreSQL: scripts/with-postgres .venv/bin/python "
              "benchmarks/benchmark_load.py --two-servers", file=sys.stderr)
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="webapp-load-"))
    redis_process = None
    servers: list[Server] = []
    try:
        if not database_url:
            database_url = f"sqlite:///{workdir / 'load-test.sqlite3'}"
        if args.two_servers and not args.redis_url:
            redis_process, args.redis_url = start_redis(workdir)
        env = {
            **os.environ,
            "WEBAPP_ENV": "production",
            "SECRET_KEY": secrets.token_hex(32),
            "SESSION_COOKIE_SECURE": "false",
            "HTMX_SOURCE": "vendored",
            "DATABASE_URL": database_url,
            "GUNICORN_WORKERS": str(args.workers),
            "GUNICORN_THREADS": str(args.threads),
            "RATELIMIT_API_CHECK_PER_ADDRESS": "1000000 per 1 second",
            "RATELIMIT_KEY_PREFIX": args.key_prefix,
            "RATELIMIT_STORAGE_URI": args.redis_url or "memory://",
        }
        os.environ["DATABASE_URL"] = database_url
        from webapp.config import database_url as app_database_url

        source = advert_source(args.corpus)
        texts = {"1k": text_of(1_000, source), "10k": text_of(10_000, source)}
        schema = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                                capture_output=True, text=True)
        if schema.returncode != 0:
            raise RuntimeError(f"flask db upgrade failed:\n{schema.stdout}\n{schema.stderr}")

        extra = ("--max-requests", str(args.max_requests)) if args.max_requests is not None else ()
        servers = [Server(name, env, workdir, extra) for name in (("a", "b") if args.two_servers else ("a",))]
        for server in servers:
            server.start()
        for server in servers:
            server.wait_ready()

        wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
        cores = os.cpu_count()
        usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
        kind = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
        print(f"cores: {cores} ({usable} usable); {len(servers)} gunicorn server{'s' if len(servers) > 1 else ''} "
              f"x {args.workers} workers x {args.threads} threads; {kind}; {wrk_version.split(' [')[0]}; "
              f"{args.connections} connections, {args.duration:g} s a run, "
              f"{args.rounds} round{'s' if args.rounds != 1 else ''}")
        print(f"texts: {len(texts['1k']):,} and {len(texts['10k']):,} characters "
              f"({'corpus ' + str(args.corpus) if args.corpus else 'built-in advert'})")
        booted = [server.workers_booted() for server in servers]
        setup = Setup(args, workdir, app_database_url(), texts)
        ok = (two_servers if args.two_servers else one_server)(setup, servers)

        restarts = sum(s.workers_booted() - b for s, b in zip(servers, booted))
        tracebacks = sum(s.tracebacks() for s in servers)
        print(f"\ngunicorn: {restarts} worker restarts during the run (max_requests), "
              f"{tracebacks} tracebacks in the logs" + (f" (see {workdir})" if tracebacks else ""))
        if tracebacks:
            args.keep = True
        return 0 if ok else 1
    finally:
        for server in servers:
            server.stop()
        if redis_process:
            stop_process_group(redis_process, grace=5)
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
