"""Load a realistic forum into a dedicated PostgreSQL database, fast (COPY via psycopg).

    .venv/bin/python bench/load_data.py                # 50 groups, 10,000 topics, 200,000 posts
    .venv/bin/python bench/load_data.py --large        # 100,000 topics, 1,000,000 posts
    .venv/bin/python bench/load_data.py --force        # drop and reload even if the size matches

The database (default postgres://postgres@127.0.0.1:5432/clinician_commons_bench, or
BENCH_DATABASE_URL) is created if missing and migrated; never point this at the dev or
test database: --force drops it. A size fingerprint in `bench_meta` makes a second run
with the same size a no-op.

What is loaded: users with verified email addresses, regional and modality groups (some
private), memberships, topics spread over the groups (a few pinned), posts with
revisions (about 8% edited once), disclaimers (standard and custom), content warnings,
replies that answer an earlier post and record its revision, helpful marks, corrections,
a few held, pending, withdrawn and removed posts, body_html rendered once by the
project's own renderer, and search vectors. Topic 1 is the long thread (1,000 posts in
both sizes, so the thread page is compared like for like). The benchmark member
(bench-member@bench.invalid) is an active member of every group.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/clinician_commons_bench"
BENCH_EMAIL = "bench-member@bench.invalid"
LONG_TOPIC_POSTS = 1000
SIZES: dict[str, dict[str, int]] = {
    "default": {"groups": 50, "topics": 10_000, "posts": 200_000, "users": 2_000},
    "large": {"groups": 50, "topics": 100_000, "posts": 1_000_000, "users": 10_000},
}
PROTECTED_NAMES = {"clinician_commons", "clinician_commons_stack", "postgres", "template0"}

SENTENCES = [
    "I have a client in their thirties presenting with panic symptoms that began after a job loss.",
    "We have been using interoceptive exposure, and the avoidance is slowly shrinking.",
    "Has anyone navigated the new telehealth supervision rules from the board this year?",
    "My consultation group suggested shifting to a values-based frame before more exposure work.",
    "The intake paperwork asks for a release of information that the client is hesitant to sign.",
    "I would appreciate thoughts on pacing trauma processing when sleep is still poor.",
    "For referrals, I am looking for a DBT skills group that accepts sliding-scale fees.",
    "The continuing education requirement changed: ethics hours now include telehealth ethics.",
    "In my experience, naming the rupture directly in session repaired the alliance.",
    "I am not sure this meets the threshold for a mandated report; I consulted my supervisor.",
    "The family has agreed to a structured check-in schedule, and attendance improved.",
    "A colleague recommended the workbook on compassion-focused therapy for shame.",
    "We track PHQ-9 and GAD-7 every four sessions to keep the treatment plan honest.",
    "Insurance denied the extended session code again, so I am appealing with documentation.",
    "Grief work has been central since the client's parent died last spring.",
    "Cravings increased around holidays, and we added a relapse-prevention plan.",
    "I found the EMDR resourcing phase took longer than I expected with this presentation.",
    "Has anyone had success with brief motivational interviewing in a primary care setting?",
    "The school counselor and I coordinate with consent, and it has helped with attendance.",
    "Please share any resources on supporting clinicians after a client suicide attempt.",
    "I appreciate the careful correction above; I had misread the statute's effective date.",
    "Our practice is considering a group for new parents with perinatal anxiety.",
    "Boundaries around texting between sessions came up again in supervision this week.",
    "The training on culturally responsive assessment was worth the time and cost.",
    "I disclose that I co-lead this workshop and receive a share of the registration fee.",
]
TITLES = [
    "Pacing exposure work when avoidance is high",
    "Telehealth across state lines: what counts as the client's location?",
    "Referral: DBT skills group with sliding-scale fees",
    "Board update on supervision hours for associates",
    "Repairing an alliance rupture after a missed session",
    "Consultation: mandated reporting threshold question",
    "Resource share: workbooks for shame and self-criticism",
    "Measurement-based care in a small private practice",
    "Appealing denials for extended session codes",
    "Grief after a parent's death: structuring the first months",
    "Relapse prevention around the holidays",
    "EMDR resourcing that takes longer than expected",
    "Brief motivational interviewing in primary care",
    "Coordinating with school counselors under consent",
    "Supporting clinicians after a client's suicide attempt",
    "New parents group: perinatal anxiety",
    "Texting between sessions: where do you draw the line?",
    "Training review: culturally responsive assessment",
    "Workshop announcement: compassion-focused therapy",
    "Peer support: burnout in the second year of practice",
]
CUSTOM_DISCLAIMERS = [
    "Shared with the client's written consent; details changed.",
    "My own practice experience, not a clinical guideline.",
]
WARNINGS = [
    "suicide_self_harm",
    "abuse",
    "substance_use",
    "death_grief",
    "eating_disorders",
    "violence",
]
PURPOSES = [
    "case_consultation",
    "referral",
    "resource",
    "regulation",
    "training",
    "peer_support",
    "other",
]
STANDARD_DISCLAIMERS = ["not_clinical_advice", "deidentified"]
REGIONS = ["US-OR", "US-CA", "US-WA", "US-NY", "US-TX", "US-FL", "US-IL", "US-MA", "CA", "GB"]
MODALITIES = ["cbt", "dbt", "emdr", "act", "psychodynamic", "family_systems", "ifs", "mi"]


def database_url(args: argparse.Namespace) -> str:
    """The default set and the large one live in separate databases (as bench/run.py uses)."""
    if args.database_url:
        return args.database_url
    url = os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL
    return url + "_large" if args.large else url


def ensure_database(url: str, *, force: bool) -> None:
    import psycopg

    name = urlparse(url).path.lstrip("/")
    if name in PROTECTED_NAMES or name.startswith("test"):
        sys.exit(f"refusing to use {name!r} for the benchmark: give it its own database")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and force:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
            )
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_bench")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnop")
    import django

    django.setup()


def fingerprint(size: dict[str, int]) -> str:
    return json.dumps({**size, "long_topic": LONG_TOPIC_POSTS, "format": 4}, sort_keys=True)


def loaded_fingerprint() -> str | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text)")
        cursor.execute("SELECT value FROM bench_meta WHERE key = 'fingerprint'")
        row = cursor.fetchone()
    return row[0] if row else None


class Body:
    __slots__ = ("body", "html", "text", "tsv")

    def __init__(self, body: str, html: str, text: str, tsv: str) -> None:
        self.body, self.html, self.text, self.tsv = body, html, text, tsv


def body_pool(rng: random.Random, count: int = 400) -> list[Body]:
    from django.db import connection

    from forum.rendering import plain_text, render_markdown

    raw: list[str] = []
    for _ in range(count):
        paragraphs = []
        for _ in range(rng.randint(1, 5)):
            paragraphs.append(" ".join(rng.sample(SENTENCES, rng.randint(1, 4))))
        if rng.random() < 0.25:
            items = rng.sample(SENTENCES, 3)
            paragraphs.append("\n".join(f"- {item}" for item in items))
        if rng.random() < 0.2:
            paragraphs[0] = f"**Context:** {paragraphs[0]}"
        if rng.random() < 0.1:
            paragraphs.append("See the [board's guidance](https://example.org/board/guidance).")
        raw.append("\n\n".join(paragraphs))
    texts = [plain_text(body) for body in raw]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT to_tsvector('english', t)::text"
            " FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i",
            [texts],
        )
        vectors = [row[0] for row in cursor.fetchall()]
    return [
        Body(body, render_markdown(body), text, tsv)
        for body, text, tsv in zip(raw, texts, vectors, strict=True)
    ]


def column_defaults(model: Any) -> tuple[list[str], dict[str, Any]]:
    """The table's columns and each one's Python default (COPY must give every NOT NULL)."""
    columns: list[str] = []
    defaults: dict[str, Any] = {}
    for field in model._meta.concrete_fields:
        columns.append(field.column)
        default = field.get_default()
        if isinstance(default, list | dict):
            default = json.dumps(default)
        defaults[field.column] = default
    return columns, defaults


class Copier:
    """Collects dict rows for one table, then streams them with one COPY.

    One connection runs one COPY at a time, so rows are buffered (as references to
    the shared body pool, not copies) until close().
    """

    def __init__(self, cursor: Any, model: Any) -> None:
        self.columns, self.defaults = column_defaults(model)
        self.cursor = cursor
        self.table = model._meta.db_table
        self.rows: list[list[Any]] = []

    @property
    def count(self) -> int:
        return len(self.rows)

    def write(self, row: dict[str, Any]) -> None:
        defaults = self.defaults
        self.rows.append([row[c] if c in row else defaults[c] for c in self.columns])

    def close(self) -> None:
        cols = ", ".join(f'"{c}"' for c in self.columns)
        with self.cursor.copy(f'COPY "{self.table}" ({cols}) FROM STDIN') as copy:
            for row in self.rows:
                copy.write_row(row)


def _load_licenses(cursor: Any, n_users: int, verified_at: datetime) -> None:
    """A verified license per member (9 in 10), so badges show and members may post."""
    from accounts.models import License

    cursor.execute(f'TRUNCATE "{License._meta.db_table}" CASCADE')
    licenses = Copier(cursor, License)
    kinds = ["LCSW", "LPC", "LMFT", "LCSW"]
    for uid in range(1, n_users + 1):
        if uid != 1 and uid % 10 == 0:
            continue
        licenses.write(
            {
                "id": uid,
                "user_id": uid,
                "license_type": kinds[uid % len(kinds)],
                "license_type_other": "",
                "jurisdiction": REGIONS[uid % 8],
                "number": f"B{uid:07d}",
                "holder_name": f"Clinician {uid}",
                "npi": "",
                "expires_on": (verified_at + timedelta(days=3 * 365)).date(),
                "state": "verified",
                "verification_method": "manual",
                "verified_at": verified_at,
                "evidence": "",
                "registry_status": "",
                "registry_response": None,
                "created_at": verified_at,
            }
        )
    licenses.close()
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{License._meta.db_table}', 'id'), {n_users})"  # noqa: S608
    )


def load(size: dict[str, int], *, seed: int = 8) -> dict[str, int]:
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from accounts.models import User
    from forum.models import Group, Membership, Post, Revision, RevisionPublication, Topic

    rng = random.Random(seed)
    started = time.perf_counter()
    pool = body_pool(rng)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    epoch = now - timedelta(days=720)
    n_users, n_groups = size["users"], size["groups"]
    n_topics, n_posts = size["topics"], size["posts"]

    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the psycopg cursor, for COPY
        # Foreign keys are checked by the application's own invariants here; skipping the
        # per-row trigger checks is what makes a million-row load take seconds, not minutes.
        cursor.execute("SET LOCAL session_replication_role = replica")
        for model in (Revision, Post, Topic, Membership, Group, EmailAddress, User):
            cursor.execute(f'TRUNCATE "{model._meta.db_table}" CASCADE')

        # Users: user 1 is the benchmark member; the rest write the forum.
        users = Copier(cursor, User)
        emails = Copier(cursor, EmailAddress)
        bench_password = make_password(None)
        for uid in range(1, n_users + 1):
            email = BENCH_EMAIL if uid == 1 else f"clinician{uid}@bench.invalid"
            name = "Bench Member, LCSW" if uid == 1 else f"Clinician {uid}, LPC"
            joined = epoch + timedelta(minutes=uid)
            users.write(
                {
                    "id": uid,
                    "password": bench_password,
                    "username": email,
                    "email": email,
                    "display_name": name,
                    "handle": f"clinician{uid}",
                    "is_active": True,
                    "is_staff": False,
                    "is_superuser": False,
                    "date_joined": joined,
                    "first_name": "",
                    "last_name": "",
                    "last_login": None,
                }
            )
            emails.write(
                {"id": uid, "user_id": uid, "email": email, "verified": True, "primary": True}
            )
        users.close()
        emails.close()
        _load_licenses(cursor, n_users, epoch)

        # Groups: half regional, half modality; every tenth is private.
        groups = Copier(cursor, Group)
        for gid in range(1, n_groups + 1):
            regional = gid % 2 == 1
            groups.write(
                {
                    "id": gid,
                    "name": f"{'Regional' if regional else 'Modality'} group {gid}",
                    "slug": f"group-{gid}",
                    "kind": "regional" if regional else "modality",
                    "region": REGIONS[gid % len(REGIONS)] if regional else "",
                    "modality": "" if regional else MODALITIES[gid % len(MODALITIES)],
                    "purpose": "Peer consultation, referrals and regulation news for clinicians "
                    "in this group's region or modality.",
                    "rules": "De-identify every case. Correct with care.",
                    "membership_policy": "open" if gid % 3 else "approval",
                    "requires_regional_license": False,
                    "is_private": gid % 10 == 0,
                    "queue_first_posts": 0,
                    "created_by_id": 2,
                    "created_at": epoch,
                    "topic_count": 0,
                    "member_count": 0,
                }
            )
        groups.close()

        memberships = Copier(cursor, Membership)
        member_count = [0] * (n_groups + 1)
        mid = 0
        for uid in range(1, n_users + 1):
            chosen = range(1, n_groups + 1) if uid == 1 else rng.sample(range(1, n_groups + 1), 4)
            for gid in chosen:
                mid += 1
                member_count[gid] += 1
                memberships.write(
                    {
                        "id": mid,
                        "group_id": gid,
                        "user_id": uid,
                        "state": "active",
                        "role": "organizer" if uid == 2 else "member",
                        "created_at": epoch,
                        "decided_at": None,
                        "decided_by_id": None,
                    }
                )
        memberships.close()

        # Posts per topic: topic 1 is the long thread; the rest share the remainder, skewed.
        remaining = n_posts - LONG_TOPIC_POSTS
        counts = [0, LONG_TOPIC_POSTS] + [1] * (n_topics - 1)
        weights = [rng.paretovariate(1.5) for _ in range(n_topics - 1)]
        extra = remaining - (n_topics - 1)
        for index in rng.choices(range(n_topics - 1), weights=weights, k=extra):
            counts[index + 2] += 1

        topic_rows: list[dict[str, Any]] = []
        posts = Copier(cursor, Post)
        revisions = Copier(cursor, Revision)
        publications = Copier(cursor, RevisionPublication)
        pid = 0
        rev2_id = n_posts  # first revisions share their post's id; edits number after them
        topic_count = [0] * (n_groups + 1)
        pinned_left = dict.fromkeys(range(1, n_groups + 1), 2)
        span = (now - epoch).total_seconds()
        for tid in range(1, n_topics + 1):
            gid = 1 if tid == 1 else rng.randint(1, n_groups)
            topic_count[gid] += 1
            title = rng.choice(TITLES)
            topic_author = 2 + rng.randrange(n_users - 1)
            created = epoch + timedelta(seconds=rng.random() * span * 0.9)
            visible = tid == 1 or rng.random() > 0.005
            first_pid = pid + 1
            visible_replies = 0
            when = created
            revision_of: list[int] = []  # per post number - 1: its current revision id
            for number in range(1, counts[tid] + 1):
                pid += 1
                if number == 1:
                    author = topic_author
                    status = "published" if visible else "held"
                else:
                    author = 1 if tid == 1 and number % 50 == 7 else 2 + rng.randrange(n_users - 1)
                    when += timedelta(minutes=rng.randint(1, 600))
                    roll = rng.random()
                    status = (
                        "published"
                        if roll < 0.97
                        else "held"
                        if roll < 0.98
                        else "pending"
                        if roll < 0.99
                        else "withdrawn"
                        if roll < 0.995
                        else "removed"
                    )
                    if status == "published":
                        visible_replies += 1
                body = pool[rng.randrange(len(pool))]
                warned = rng.random() < 0.1
                custom = rng.random() < 0.05
                content = {
                    "disclaimer": "custom" if custom else rng.choice(STANDARD_DISCLAIMERS),
                    "disclaimer_text": rng.choice(CUSTOM_DISCLAIMERS) if custom else "",
                    "trigger_warnings": json.dumps(
                        sorted(rng.sample(WARNINGS, rng.randint(1, 2))) if warned else ["none"]
                    ),
                }
                revisions.write(
                    {
                        "id": pid,
                        "post_id": pid,
                        "number": 1,
                        "body": body.body,
                        "body_html": body.html,
                        "editor_id": author,
                        "reason": "",
                        "created_at": when,
                        **content,
                    }
                )
                current, revision_count = pid, 1
                if rng.random() < 0.08:
                    rev2_id += 1
                    edit = pool[rng.randrange(len(pool))]
                    revisions.write(
                        {
                            "id": rev2_id,
                            "post_id": pid,
                            "number": 2,
                            "body": edit.body,
                            "body_html": edit.html,
                            "editor_id": author,
                            "reason": "Clarified wording and removed a detail.",
                            "created_at": when + timedelta(hours=2),
                            **content,
                        }
                    )
                    current, revision_count, body = rev2_id, 2, edit
                reply_to = answered = None
                if number > 1 and rng.random() < 0.3:
                    target = rng.randint(1, number - 1)
                    reply_to, answered = first_pid + target - 1, first_pid + target - 1
                revision_of.append(current)
                shown = status in ("published", "withdrawn", "removed")
                if shown:  # what readers see: screening published it (issue 18 item 2)
                    publications.write({"revision_id": current, "published_at": when})
                helpful = number > 1 and status == "published" and rng.random() < 0.02
                posts.write(
                    {
                        "id": pid,
                        "topic_id": tid,
                        "author_id": author,
                        "number": number,
                        "status": status,
                        "created_at": when,
                        "published_at": when if status == "published" else None,
                        "scheduled_for": None,
                        "current_revision_id": current,
                        "published_revision_id": current if shown else None,
                        "revision_count": revision_count,
                        "reply_to_id": reply_to,
                        "answered_revision_id": answered,
                        "is_correction": number > 1 and rng.random() < 0.03,
                        "helpful_marked_at": when + timedelta(days=1) if helpful else None,
                        "helpful_marked_by_id": topic_author if helpful else None,
                        "withdrawn_at": when + timedelta(days=1) if status == "withdrawn" else None,
                        "search_text": f"{title}\n{body.text}" if number == 1 else body.text,
                        # First posts get title + body vectors after the load (SQL below).
                        "search_vector": None if number == 1 else body.tsv,
                    }
                )
            topic_rows.append(
                {
                    "id": tid,
                    "group_id": gid,
                    "title": title if tid > 1 else "Long thread: consultation group notes",
                    "purpose": rng.choice(PURPOSES),
                    "author_id": topic_author,
                    "created_at": created,
                    "last_activity_at": when,
                    "reply_count": visible_replies,
                    "is_pinned": pinned_left[gid] > 0 and rng.random() < 0.01,
                    "is_locked": rng.random() < 0.01,
                    "is_visible": visible,
                }
            )
            if topic_rows[-1]["is_pinned"]:
                pinned_left[gid] -= 1
        posts.close()
        revisions.close()
        publications.close()
        revision_total = revisions.count
        del posts, revisions
        topics = Copier(cursor, Topic)
        for row in topic_rows:
            topics.write(row)
        topics.close()

        for gid in range(1, n_groups + 1):
            cursor.execute(
                "UPDATE forum_group SET topic_count = %s, member_count = %s WHERE id = %s",
                [topic_count[gid], member_count[gid], gid],
            )
        cursor.execute(
            "UPDATE forum_post SET search_vector = to_tsvector('english', search_text)"
            " WHERE number = 1"
        )
        for model in (User, EmailAddress, Group, Membership, Topic, Post, Revision):
            table = model._meta.db_table
            sql = (
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"  # noqa: S608
                f' (SELECT max(id) FROM "{table}"))'
            )
            cursor.execute(sql)  # our own table names, not input
        cursor.execute("INSERT INTO bench_meta VALUES ('fingerprint', %s)", [fingerprint(size)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "users": n_users,
        "groups": n_groups,
        "topics": n_topics,
        "posts": pid,
        "revisions": revision_total,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--large", action="store_true", help="100,000 topics, 1,000,000 posts")
    parser.add_argument("--force", action="store_true", help="drop and reload the database")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    size = SIZES["large" if args.large else "default"]
    url = database_url(args)
    ensure_database(url, force=args.force)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    if loaded_fingerprint() == fingerprint(size) and not args.force:
        print(f"bench data already loaded ({size['posts']:,} posts): nothing to do")
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bench_meta")
    summary = load(size)
    print(
        f"loaded {summary['groups']} groups, {summary['topics']:,} topics, "
        f"{summary['posts']:,} posts, {summary['revisions']:,} revisions, "
        f"{summary['users']:,} users in {summary['seconds']} s"
    )


if __name__ == "__main__":
    main()
