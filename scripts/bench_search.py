# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Search in everything said (``content_search``) on a million
communications: a word found in one communication, and a word found in a
tenth of them, as the case list asks for it (first page of 80)."""

CASES = 50000
COMMUNICATIONS = 1000000
WORDS = ["lift", "heating", "boiler", "invoice", "password", "printer", "network",
         "meeting", "delivery", "refund"]
REPEAT = 10


def generate(env):
    """CASES cases and COMMUNICATIONS communications with plain-text bodies
    (a word of WORDS and a hash, whose trigrams make the index realistic),
    inserted in SQL; the trigram indexes are built afterwards, as a
    restore would."""
    cr = env.cr
    company = env.ref("base.main_company").id
    customer = env["res.partner"].create({"name": "Search Bench SA", "is_company": True})
    cr.execute("DROP INDEX IF EXISTS interaction_communication_subject_trgm_index")
    cr.execute("DROP INDEX IF EXISTS interaction_communication_body_text_trgm_index")
    cr.execute("DROP INDEX IF EXISTS interaction_case_name_trgm_index")
    cr.execute("DROP INDEX IF EXISTS interaction_case_description_trgm_index")
    cr.execute("""
        INSERT INTO interaction_case (name, number, company_id, state, priority, sla_status,
                                      partner_id, commercial_partner_id, create_date,
                                      write_date)
        SELECT 'Search bench ' || n, 'SB/' || n, %s, 'open', '1', 'none', %s, %s, now(), now()
          FROM generate_series(1, %s) n
     RETURNING id
    """, (company, customer.id, customer.id, CASES))
    case_ids = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO interaction_communication
               (case_id, company_id, kind, direction, subject, body, body_text, date, state)
        SELECT (%(cases)s)[1 + n %% %(case_count)s], %(company)s, 'exchange', 'incoming',
               'Exchange ' || n,
               '<p>About the ' || (%(words)s)[1 + n %% 10] || ' ' || md5(n::text) || '</p>',
               'About the ' || (%(words)s)[1 + n %% 10] || ' ' || md5(n::text),
               now() - n * interval '1 minute', 'done'
          FROM generate_series(1, %(count)s) n
    """, {"cases": case_ids, "case_count": len(case_ids), "company": company,
          "words": WORDS, "count": COMMUNICATIONS})
    env["interaction.communication"]._create_content_trigram_indexes()
    cr.execute("ANALYZE interaction_case")
    cr.execute("ANALYZE interaction_communication")


def run(env, bench):
    generate(env)
    Case = env["interaction.case"]
    env.cr.execute("SELECT md5('777777')")
    rare = env.cr.fetchone()[0][:12]
    rows = [
        ("content search, a word in 1 communication (first page)", rare, 1),
        ("content search, a word in 100,000 communications (first page)", "boiler", 80),
    ]
    for operation, word, expected in rows:
        found = Case.search([("content_search", "ilike", word)], limit=80)
        assert len(found) == expected, (operation, len(found))
        queries, median_ms, _per_second = bench.measure(
            env, lambda: Case.search([("content_search", "ilike", word)], limit=80),
            repeat=REPEAT)
        bench.add(operation, "%d communications" % COMMUNICATIONS, queries, median_ms,
                  int(1000.0 / median_ms) if median_ms else 0)
