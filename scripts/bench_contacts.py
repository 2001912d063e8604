# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contacts: resolution from a phone number or an e-mail, and autocomplete.

Generates 100,000 contacts and 200,000 interaction addresses with plain SQL
(a few seconds), then measures, as an agent (private-contact rule active):
``resolve_contact`` by phone and by e-mail, ``name_search`` for a 3-letter
term; with the module's indexes, then without them (dropped inside the
transaction, which bench.py rolls back), and Odoo's own search as baseline.
"""
import random
import sys

CONTACTS = 100000
REPEAT = 30
FIRSTNAMES = ["Jean", "Marie", "Pierre", "Sophie", "Louis", "Claire", "Paul", "Julie",
              "Hugo", "Emma", "Lucas", "Léa", "Nadia", "Marc", "Sarah", "Thomas"]
LASTNAMES = ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent",
             "Simon", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
             "Morel", "Girard", "Andre", "Mercier", "Dupont", "Lambert", "Bonnet", "Francois",
             "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guerin"]
MODULE_INDEXES = ["res_partner_phone_normalized_index", "res_partner_mobile_normalized_index",
                  "res_partner_email_normalized_index",
                  "interaction_address_normalized_value_index",
                  "res_partner_name_search_trgm_index", "res_partner_display_name_trgm_index",
                  "res_partner_email_trgm_index"]


def generate(env):
    cr = env.cr
    # national numbers are read in the region of the company (base demo: US)
    env.user.company_id.country_id = env.ref("base.fr")
    agent = env["res.users"].create({
        "name": "Bench Agent", "login": "bench_agent",
        "groups_id": [(6, 0, [env.ref("interaction_tracker.group_user").id])]})
    cr.execute("""
        INSERT INTO res_partner (name, display_name, firstname, lastname, email,
                                 email_normalized, phone, phone_normalized, active, type,
                                 is_company, customer, supplier, employee, is_private,
                                 create_uid, write_uid, create_date, write_date, color,
                                 lang, partner_share)
        SELECT f.name || ' ' || l.name || ' ' || i, f.name || ' ' || l.name || ' ' || i,
               f.name, l.name || ' ' || i,
               lower(f.name || '.' || l.name || i || '@bench.example.com'),
               lower(f.name || '.' || l.name || i || '@bench.example.com'),
               '+33 1 4' || lpad(i::text, 7, '0'), '+3314' || lpad(i::text, 7, '0'),
               true, 'contact', false, true, false, false, i %% 100 = 0,
               CASE WHEN i %% 200 = 0 THEN %(agent)s ELSE 1 END, 1, now(), now(), 0,
               'fr_FR', true
          FROM generate_series(1, %(count)s) i
          JOIN unnest(%(first)s::text[]) WITH ORDINALITY f(name, n)
            ON f.n = 1 + i %% %(nfirst)s
          JOIN unnest(%(last)s::text[]) WITH ORDINALITY l(name, n)
            ON l.n = 1 + (i / 7) %% %(nlast)s
        RETURNING id
    """, {"agent": agent.id, "count": CONTACTS, "first": FIRSTNAMES, "last": LASTNAMES,
          "nfirst": len(FIRSTNAMES), "nlast": len(LASTNAMES)})
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE id IN %s",
               (tuple(partner_ids),))
    cr.execute("""
        INSERT INTO interaction_address (partner_id, sequence, value, address_type, subtype,
                                         normalized_value, create_uid, write_uid,
                                         create_date, write_date)
        SELECT p.id, 10, '+33 6 ' || lpad(p.n::text, 8, '0'), 'mobile', 'office',
               '+336' || lpad(p.n::text, 8, '0'), 1, 1, now(), now()
          FROM unnest(%(ids)s) WITH ORDINALITY p(id, n)
        UNION ALL
        SELECT p.id, 20, 'Alt' || p.n || '@Other.example.com', 'email', 'home',
               'alt' || p.n || '@other.example.com', 1, 1, now(), now()
          FROM unnest(%(ids)s) WITH ORDINALITY p(id, n)
    """, {"ids": partner_ids})
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE interaction_address")
    return agent


def measure(env, bench, function, arguments):
    """bench.measure with one argument of ``arguments`` per call."""
    values = iter(arguments)
    return bench.measure(env, lambda: function(next(values)), repeat=len(arguments))


def phone_formats(numbers):
    """The partner phones of ``numbers`` written four ways, in turn."""
    result = []
    for index, n in enumerate(numbers):
        digits = "14" + str(n).zfill(7)
        national = "0" + digits
        result.append([
            " ".join(national[i:i + 2] for i in range(0, 10, 2)),
            national,
            "+33" + digits,
            "+33 %s %s" % (digits[0], " ".join(digits[i:i + 2] for i in range(1, 9, 2))),
        ][index % 4])
    return result


def measure_all(env, bench, agent, label):
    Partner = env["res.partner"].sudo(agent)
    rng = random.Random(42)
    numbers = rng.sample(range(1, CONTACTS + 1), REPEAT)
    phones = ["01 4%s %s %s %s" % (str(n).zfill(7)[0], str(n).zfill(7)[1:3],
                                   str(n).zfill(7)[3:5], str(n).zfill(7)[5:7])
              for n in numbers]
    mobiles = ["+33 6 %s" % str(n).zfill(8) for n in numbers]
    emails = ["ALT%d@other.example.com" % n for n in numbers]
    assert Partner.resolve_contact(phone=phones[0]), "bench data not resolved"
    assert Partner.resolve_contact(phone=mobiles[0]), "bench mobile not resolved"
    Partner.name_search("dur", limit=8)
    for term in phone_formats(numbers[:4]):
        assert Partner.name_search(term, limit=8), "bench number %s not found" % term
    for operation, function, arguments in [
            ("resolve_contact(phone) partner phone", lambda v: Partner.resolve_contact(phone=v),
             phones),
            ("resolve_contact(phone) interaction address",
             lambda v: Partner.resolve_contact(phone=v), mobiles),
            ("resolve_contact(email)", lambda v: Partner.resolve_contact(email=v), emails),
            ("name_search 3 letters, limit 8", lambda v: Partner.name_search(v, limit=8),
             ["dur", "mar", "ber", "ois", "uer"] * (REPEAT // 5)),
            ("name_search(phone number, 4 formats), limit 8",
             lambda v: Partner.name_search(v, limit=8), phone_formats(numbers)),
            ("name_search(mobile of an interaction address), limit 8",
             lambda v: Partner.name_search(v, limit=8),
             ["06 %s" % " ".join(str(n).zfill(8)[i:i + 2] for i in range(0, 8, 2))
              for n in numbers])]:
        queries, median, per_second = measure(env, bench, function, arguments)
        bench.add("%s (%s)" % (operation, label), "100k contacts, 200k addresses",
                  queries, median, per_second)


def baseline(env, bench, agent):
    """Odoo's own search on the raw phone column, same volume: it only finds
    a number typed exactly in its stored format."""
    Partner = env["res.partner"].sudo(agent)
    arguments = ["+33 1 4%s" % str(n).zfill(7) for n in random.Random(7).sample(
        range(1, CONTACTS + 1), REPEAT)]
    queries, median, per_second = measure(
        env, bench, lambda v: Partner.search([("phone", "=", v)]), arguments)
    bench.add("Odoo baseline: search([('phone', '=', stored format)])", "100k contacts",
              queries, median, per_second)


def run(env, bench):
    sys.stderr.write("bench_contacts: generating %d contacts...\n" % CONTACTS)
    agent = generate(env)
    measure_all(env, bench, agent, "with indexes")
    baseline(env, bench, agent)
    for index in MODULE_INDEXES:
        env.cr.execute("DROP INDEX IF EXISTS %s" % index)
    measure_all(env, bench, agent, "without indexes")
