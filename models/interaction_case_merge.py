# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

# set by merge_into and action_split_case only (through _write_links): a
# link written by hand would divert the case's mail and portal visitors to
# another case
LINK_FIELDS = ("merged_into_id", "split_from_id")
# a chain of merged cases is followed at most this far (a merge is refused
# into a cancelled case, so a chain is one step unless reopened and merged)
MAX_MERGE_DEPTH = 10


class InteractionCase(models.Model):
    """Merging a case into another one of the same customer."""
    _inherit = "interaction.case"

    merged_into_id = fields.Many2one(
        "interaction.case", string="Merged into", readonly=True, copy=False,
        index=True, ondelete="set null",
        help="The case this one was merged into: its communications, contacts, "
             "messages, attachments, followers and activities are there now.")

    @api.model
    def create(self, vals):
        self._check_link_fields(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_link_fields(vals)
        return super().write(vals)

    @api.multi
    def merge_into(self, target_id):
        """Merge this case into the case ``target_id`` of the same customer
        and company: its communications, contact lines (the target keeps its
        exclusive tags), chatter messages, attachments, followers and
        activities move to the target; this case is cancelled with
        ``merged_into_id`` and a note is logged on both.

        :return: ``target_id``
        """
        self._input_one()
        target = self._input_record("interaction.case", target_id, _("Target case"))
        self._check_can_merge_into(target)
        self._lock_for_merge(target)
        moved = self._merge_counts()
        source = self.sudo()
        target_sudo = target.sudo()
        source._merge_contact_lines(target_sudo)
        source._merge_communications(target_sudo)
        source._merge_thread(target_sudo)
        # the state through the ORM with the caller's rights (tracking, rules)
        self._write_links({"state": "cancel", "merged_into_id": target.id})
        self._merge_log_notes(target, moved)
        return target.id

    def _check_can_merge_into(self, target):
        """Refuse a merge the caller may not do or that would mix customers."""
        self.ensure_one()
        # both cases are changed: the caller must be allowed to write them
        # (the company record rules keep other companies' cases out)
        (self | target).check_access_rights("write")
        (self | target).check_access_rule("write")
        if target == self:
            raise UserError(_("A case cannot be merged into itself."))
        if self.state == "cancel" or self.merged_into_id:
            raise UserError(_("Case %(case)s is cancelled or already merged: it cannot "
                              "be merged.") % {"case": self.display_name})
        if target.state == "cancel":
            raise UserError(_("Case %(case)s is cancelled: nothing can be merged into "
                              "it.") % {"case": target.display_name})
        if self.commercial_partner_id != target.commercial_partner_id:
            raise UserError(_("Cases %(case)s and %(target)s belong to different "
                              "customers: only cases of the same customer can be "
                              "merged.") % {"case": self.display_name,
                                            "target": target.display_name})
        if self.company_id != target.company_id:
            raise UserError(_("Cases %(case)s and %(target)s belong to different "
                              "companies: they cannot be merged.") % {
                "case": self.display_name, "target": target.display_name})

    @api.model
    def _check_link_fields(self, vals):
        if isinstance(vals, dict) and set(LINK_FIELDS) & set(vals):
            raise UserError(_("The links between merged or split cases are set by "
                              "merging or splitting only."))

    def _write_links(self, vals):
        """Write ``vals`` with the links between cases (the guard of
        ``write`` skipped, everything else done: rules, tracking)."""
        return super(InteractionCase, self).write(vals)

    def _lock_for_merge(self, target):
        """Lock both cases; a case being changed by somebody else at the same
        time is refused rather than waited for."""
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "SELECT id FROM interaction_case WHERE id IN %s FOR UPDATE NOWAIT",
                    (tuple((self | target).ids),))
        except psycopg2.OperationalError:
            raise UserError(_("Case %(case)s or %(target)s is being changed by somebody "
                              "else: try the merge again in a moment.") % {
                "case": self.display_name, "target": target.display_name})

    def _merge_counts(self):
        """What a merge of this case moves: a dict of counts (as superuser,
        once the caller's access to the case is checked)."""
        self.ensure_one()
        case = self.sudo()
        return {
            "communications": len(case.communication_ids),
            "contacts": len(case.case_contact_ids),
            "messages": self.env["mail.message"].sudo().search_count(
                [("model", "=", self._name), ("res_id", "=", self.id)]),
            "attachments": self.env["ir.attachment"].sudo().search_count(self._thread_domain()),
            "followers": self.env["mail.followers"].sudo().search_count(self._thread_domain()),
            "activities": self.env["mail.activity"].sudo().search_count(self._thread_domain()),
        }

    def _merge_contact_lines(self, target):
        """Move the contact lines to the target. The target keeps its own
        exclusive tags: a moved line comes without the exclusive tags the
        target already gives; a contact already on the target keeps one line
        with the tags of both (exclusive ones only where free)."""
        self.ensure_one()
        exclusive = self.env["interaction.contact.tag"]._get_exclusive_tags()
        target_lines = {line.partner_id: line for line in target.case_contact_ids}
        held = target.case_contact_ids.mapped("tag_ids") & exclusive
        for line in self.case_contact_ids:
            tags = line.tag_ids - held
            existing = target_lines.get(line.partner_id)
            if existing:
                line.unlink()
                if tags - existing.tag_ids:
                    existing.write({"tag_ids": [(4, tag.id) for tag in tags]})
            else:
                line.write({"tag_ids": [(6, 0, tags.ids)], "case_id": target.id})
                target_lines[line.partner_id] = line
            held |= tags & exclusive

    def _merge_communications(self, target):
        self.ensure_one()
        self.communication_ids.write({"case_id": target.id})

    def _merge_thread(self, target):
        """Move the chatter messages, attachments, followers (once) and
        activities."""
        self.ensure_one()
        self.env["mail.message"].search(
            [("model", "=", self._name), ("res_id", "=", self.id)]).write(
            {"res_id": target.id, "record_name": target.display_name})
        self.env["ir.attachment"].search(self._thread_domain()).write({"res_id": target.id})
        self.env["mail.activity"].search(self._thread_domain()).write({"res_id": target.id})
        Followers = self.env["mail.followers"]
        existing = Followers.search([("res_model", "=", self._name),
                                     ("res_id", "=", target.id)])
        partners = existing.mapped("partner_id")
        channels = existing.mapped("channel_id")
        for follower in Followers.search(self._thread_domain()):
            if (follower.partner_id and follower.partner_id in partners) or (
                    follower.channel_id and follower.channel_id in channels):
                follower.unlink()
            else:
                follower.write({"res_id": target.id})

    def _thread_domain(self):
        """The records of this case's thread (a new list each time: the
        search of ir.attachment completes the domain it is given)."""
        return [("res_model", "=", self._name), ("res_id", "=", self.id)]

    def _merge_log_notes(self, target, moved):
        """A note on both cases, linking each to the other."""
        self.ensure_one()
        summary = _("%(communications)s communications, %(contacts)s contacts, "
                    "%(messages)s messages, %(attachments)s attachments, "
                    "%(followers)s followers, %(activities)s activities") % moved
        self._log_feed_note(
            "<p>%s</p><p>%s</p>" % (
                html_escape(_("Merged into %(target)s.") % {"target": target.display_name}),
                html_escape(summary)),
            _("Case merged"))
        target._log_feed_note(
            "<p>%s</p><p>%s</p>" % (
                html_escape(_("Case %(case)s was merged into this case.") % {
                    "case": self.display_name}),
                html_escape(summary)),
            _("Case merged"))

    @api.multi
    def _merge_final_case(self):
        """The case that holds what this case became: itself, or the end of
        its chain of merges (as superuser: for routing)."""
        self.ensure_one()
        case = self.sudo()
        for _step in range(MAX_MERGE_DEPTH):
            if not case.merged_into_id:
                break
            case = case.merged_into_id
        return case

    @api.model
    def _adapt_incoming_routes(self, message_dict, routes, message=None):
        """Mail to a merged case (a reply, or its number in the subject)
        lands on the case it was merged into."""
        adapted = []
        for route in super()._adapt_incoming_routes(message_dict, routes, message=message):
            if route[0] == self._name and route[1]:
                case = self.sudo().browse(route[1]).exists()
                if case.merged_into_id:
                    route = (route[0], case._merge_final_case().id) + tuple(route[2:])
            adapted.append(route)
        return adapted
