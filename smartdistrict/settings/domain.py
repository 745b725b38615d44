"""The apps' own knobs: environment readings, console, dashboard, alley upgrades, the
residents' portal, the survey, the deployment's jurisdiction and the working-time
calendar."""

import datetime as dt

from smartdistrict.settings.base import env

# --- environment: readings and alerts ------------------------------------------------
ENVIRONMENT_MQTT_HOST = env.str("ENVIRONMENT_MQTT_HOST", default="127.0.0.1")
ENVIRONMENT_MQTT_PORT = env.int("ENVIRONMENT_MQTT_PORT", default=1883)
ENVIRONMENT_MQTT_TOPIC_PREFIX = env.str("ENVIRONMENT_MQTT_TOPIC_PREFIX", default="smartdistrict")
ENVIRONMENT_MQTT_CLIENT_ID = env.str("ENVIRONMENT_MQTT_CLIENT_ID", default="smartdistrict-ingest")
ENVIRONMENT_MQTT_USERNAME = env.str("ENVIRONMENT_MQTT_USERNAME", default="")
ENVIRONMENT_MQTT_PASSWORD = env.str("ENVIRONMENT_MQTT_PASSWORD", default="")
ENVIRONMENT_MQTT_TLS = env.bool("ENVIRONMENT_MQTT_TLS", default=False)
ENVIRONMENT_MQTT_KEEPALIVE = env.int("ENVIRONMENT_MQTT_KEEPALIVE", default=30)
# How long the broker keeps the subscriber's session (and its unacknowledged messages).
ENVIRONMENT_MQTT_SESSION_EXPIRY = env.int("ENVIRONMENT_MQTT_SESSION_EXPIRY", default=604800)
# Messages the broker may send before the subscriber acknowledges them (MQTT 5 flow control).
ENVIRONMENT_MQTT_RECEIVE_MAXIMUM = env.int("ENVIRONMENT_MQTT_RECEIVE_MAXIMUM", default=100)
# Readings stamped further in the future than this are refused (clock skew allowance).
ENVIRONMENT_FUTURE_SKEW_SECONDS = env.int("ENVIRONMENT_FUTURE_SKEW_SECONDS", default=300)
# Readings dated before this day (00:00 UTC) are refused: a reset sensor clock, a typo.
ENVIRONMENT_EARLIEST_OBSERVATION = dt.date.fromisoformat(
    env.str("ENVIRONMENT_EARLIEST_OBSERVATION", default="2000-01-01")
)
ENVIRONMENT_MAX_BATCH = env.int("ENVIRONMENT_MAX_BATCH", default=5000)
# Days a dead letter (a message or row that could not be stored) is kept; 0: for ever.
ENVIRONMENT_DEAD_LETTER_DAYS = env.int("ENVIRONMENT_DEAD_LETTER_DAYS", default=90)
# Called after each committed batch with the readings it stored (alert rules plug in here).
ENVIRONMENT_INGEST_HOOKS = env.list(
    "ENVIRONMENT_INGEST_HOOKS",
    default=["smartdistrict.environment.alerts.hooks.readings_stored"],
)
# The feedback category of the reports an alert opens (a rule may name another).
ENVIRONMENT_ALERT_CATEGORY = env.str("ENVIRONMENT_ALERT_CATEGORY", default="o-nhiem-kenh")
# The longest period a station page, chart or export may cover.
ENVIRONMENT_PAGE_MAX_DAYS = env.int("ENVIRONMENT_PAGE_MAX_DAYS", default=800)
# Exports of a station's readings over at most this many days are sent at once; longer
# ones are built in the background (a download page).
ENVIRONMENT_EXPORT_INLINE_DAYS = env.int("ENVIRONMENT_EXPORT_INLINE_DAYS", default=31)

# --- staff console ----------------------------------------------------------------------
# The queue's counts of closed states are cached this long (seconds; 0: always count).
CONSOLE_CLOSED_COUNTS_CACHE_SECONDS = env.int("CONSOLE_CLOSED_COUNTS_CACHE_SECONDS", default=60)

# --- dashboard --------------------------------------------------------------------------
# The figures come from daily sums kept by a job: how often it runs, how far back it
# re-reads changed reports, and when it switches to a whole rebuild.
DASHBOARD_REFRESH_MINUTES = env.int("DASHBOARD_REFRESH_MINUTES", default=5)
DASHBOARD_REFRESH_OVERLAP_SECONDS = env.int("DASHBOARD_REFRESH_OVERLAP_SECONDS", default=300)
DASHBOARD_INCREMENTAL_LIMIT = env.int("DASHBOARD_INCREMENTAL_LIMIT", default=20000)
# Hour (local time) of the nightly consistency check.
DASHBOARD_CHECK_HOUR = env.int("DASHBOARD_CHECK_HOUR", default=3)
DASHBOARD_HOTSPOT_RESOLUTION = env.int("DASHBOARD_HOTSPOT_RESOLUTION", default=9)
DASHBOARD_HOTSPOT_ALPHA = env.float("DASHBOARD_HOTSPOT_ALPHA", default=0.05)
# Briefs are private to their requester (in the "private" storage), deleted after some days.
DASHBOARD_BRIEF_KEEP_DAYS = env.int("DASHBOARD_BRIEF_KEEP_DAYS", default=30)


# --- alley upgrades (smartdistrict/alleys, docs/alleys.md) -------------------------------
# The households' decision passes when MORE than this percentage of all the households
# listed for the alley approve (those who do not vote count as not in favour): Law
# 10/2022/QH15 on grassroots democracy, Art. 21(1), and Ordinance 34/2007 before it.
ALLEYS_APPROVAL_PERCENT = env.float("ALLEYS_APPROVAL_PERCENT", default=50.0)
# A report belongs to an alley's condition history when its point is this close to the line.
ALLEYS_REPORT_DISTANCE_M = env.float("ALLEYS_REPORT_DISTANCE_M", default=30.0)
# Report categories that describe an alley's condition (history, ranking of candidates).
ALLEYS_CONDITION_CATEGORIES = env.list(
    "ALLEYS_CONDITION_CATEGORIES",
    default=["hu-hong-duong", "ngap-nuoc", "den-chieu-sang", "rac-thai"],
)
# Of those, the categories whose open reports the accepted works close (with a note).
ALLEYS_WORKS_CATEGORIES = env.list(
    "ALLEYS_WORKS_CATEGORIES", default=["hu-hong-duong", "ngap-nuoc", "den-chieu-sang"]
)
# The months of reports the condition history and the ranking of candidates count.
ALLEYS_CONDITION_MONTHS = env.int("ALLEYS_CONDITION_MONTHS", default=24)
# Online votes with a one-time code, per client address (guessing codes is refused).
ALLEYS_VOTE_RATES = env.list("ALLEYS_VOTE_RATES", default=["10/m", "60/h"])

# --- residents' portal ---------------------------------------------------------------
# The home page's "this month" counts are cached this long (seconds).
PORTAL_COUNTS_CACHE_SECONDS = env.int("PORTAL_COUNTS_CACHE_SECONDS", default=300)
# The public reports (/reports/) list every open report and those resolved, closed or
# refused within this many months.
PUBLIC_REPORTS_CLOSED_MONTHS = env.int("PUBLIC_REPORTS_CLOSED_MONTHS", default=3)
# "My reports" (/my/): one-time codes asked per client address (rates such as 3/m), and
# how long a code is valid (minutes).
RESIDENT_CODE_RATES = env.list("RESIDENT_CODE_RATES", default=["3/m", "10/h"])
RESIDENT_CODE_MINUTES = env.int("RESIDENT_CODE_MINUTES", default=15)
# Hour (local time) of the staff's daily digest of reports due (feedback.tasks.staff_digest).
STAFF_DIGEST_HOUR = env.int("STAFF_DIGEST_HOUR", default=7)
# "Was it fixed?": the resident is asked this many days after resolution (0: never).
FOLLOWUP_AFTER_DAYS = env.int("FOLLOWUP_AFTER_DAYS", default=5)

# --- satisfaction survey at one-stop shops (docs/survey.md) --------------------------------
# A score at or below this (1-5) opens a feedback report, in this category (city pack).
SURVEY_LOW_SCORE = env.int("SURVEY_LOW_SCORE", default=2)
SURVEY_REPORT_CATEGORY = env.str("SURVEY_REPORT_CATEGORY", default="thu-tuc-hanh-chinh")
# Below this many answers an index is shown with a "few answers" warning and not ranked.
SURVEY_FEW_ANSWERS = env.int("SURVEY_FEW_ANSWERS", default=30)

# --- the deployment's jurisdiction ---------------------------------------------------------
# The code of the loaded jurisdiction (pack) this deployment serves; empty: the one loaded
# (the most recently loaded when there are several). See docs/jurisdictions.md.
SMARTDISTRICT_JURISDICTION = env.str("SMARTDISTRICT_JURISDICTION", default="")
# The pack `make demo` and the test suite load (a folder, or a pack's name under
# smartdistrict/jurisdictions/packs/).
SMARTDISTRICT_PACK = env.str("SMARTDISTRICT_PACK", default="hcmc")
# How often (seconds) a process asks whether cached configuration (boundaries, units,
# categories, routing) changed elsewhere: one indexed read; a reload only on a change.
CONFIG_VERSION_CHECK_SECONDS = env.float("CONFIG_VERSION_CHECK_SECONDS", default=1.0)
# How often (seconds) a process checks for new working-calendar overrides.
CALENDAR_CHECK_SECONDS = env.float("CALENDAR_CHECK_SECONDS", default=5.0)

# --- working-time calendar ---
# Deadlines count office time only (core.calendar). Office periods of a working day in
# TIME_ZONE, comma-separated; every working day has the same periods.
OFFICE_HOURS = env.str("OFFICE_HOURS", default="07:30-11:30,13:00-17:00")
# Working weekdays: 0 = Monday … 6 = Sunday.
WORKING_WEEKDAYS = env.list("WORKING_WEEKDAYS", cast=int, default=[0, 1, 2, 3, 4])
# Country (ISO 3166 code) whose public holidays and swap days the `holidays` package gives.
PUBLIC_HOLIDAYS_COUNTRY = env.str("PUBLIC_HOLIDAYS_COUNTRY", default="VN")
# --- end of working-time calendar ---
