# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class MergePartnerAutomatic(models.TransientModel):
    """Odoo's contact merge (crm), taught the module's records: case contact
    lines (one per case, tags kept), attribute values (one per attribute),
    interaction addresses (once per normalized value) and the private flag
    (private only when every merged contact was private to the same owner).
    Communications and cases follow through Odoo's generic foreign keys."""
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None):
        # Odoo's merge rewrites the contacts in SQL: the user must be allowed
        # to change every one of them (private contacts of others included)
        partners = self.env["res.partner"].browse(partner_ids).exists() | (
            dst_partner or self.env["res.partner"])
        partners.check_access_rights("write")
        partners.check_access_rule("write")
        return super()._merge(partner_ids, dst_partner=dst_partner)

    @api.model
    def _update_foreign_keys(self, src_partners, dst_partner):
        # before Odoo's generic update, whose fallback on a unique constraint
        # deletes every row of the source contacts
        self._merge_case_contact_lines(src_partners, dst_partner)
        self._merge_attribute_values(src_partners, dst_partner)
        result = super()._update_foreign_keys(src_partners, dst_partner)
        self._merge_interaction_addresses(dst_partner)
        return result

    @api.model
    def _update_values(self, src_partners, dst_partner):
        partners = (src_partners | dst_partner).sudo()
        private = all(partners.mapped("is_private")) and len(partners.mapped("create_uid")) == 1
        # Odoo's merge copies a flag set on any of them: set it afterwards
        partners.write({"is_private": False})
        result = super()._update_values(src_partners, dst_partner)
        if private:
            dst_partner.sudo().write({"is_private": True})
        return result

    @api.model
    def _merge_case_contact_lines(self, src_partners, dst_partner):
        """One line per case for the merged contact, with the tags of all
        the lines it replaces (lines of one case hold distinct exclusive
        tags, so their union is still valid)."""
        Line = self.env["interaction.case.contact"].sudo()
        partners = src_partners | dst_partner
        lines = Line.search([("partner_id", "in", partners.ids)])
        by_case = {}
        for line in lines:
            by_case.setdefault(line.case_id, Line)
            by_case[line.case_id] |= line
        for case_lines in by_case.values():
            keep = case_lines.filtered(lambda l: l.partner_id == dst_partner)[:1] or case_lines[:1]
            others = case_lines - keep
            tags = others.mapped("tag_ids") - keep.tag_ids
            others.unlink()
            if keep.partner_id != dst_partner:
                # the way Odoo's merge moves references (no constraint check:
                # the merged contact takes the place of the old one)
                self.env.cr.execute(
                    "UPDATE interaction_case_contact SET partner_id = %s WHERE id = %s",
                    (dst_partner.id, keep.id))
                keep.invalidate_cache(["partner_id"], keep.ids)
            if tags:
                keep.write({"tag_ids": [(4, tag.id) for tag in tags]})

    @api.model
    def _merge_attribute_values(self, src_partners, dst_partner):
        """One value per attribute: the merged contact's own, else the first
        one given; an empty value is completed from the others."""
        Value = self.env["interaction.attribute.value"].sudo()
        values = Value.search([("partner_id", "in", (src_partners | dst_partner).ids)])
        by_attribute = {}
        for value in values:
            by_attribute.setdefault(value.attribute_id, Value)
            by_attribute[value.attribute_id] |= value
        for attribute_values in by_attribute.values():
            keep = attribute_values.filtered(
                lambda v: v.partner_id == dst_partner)[:1] or attribute_values[:1]
            others = attribute_values - keep
            filled = [v.value for v in others if v.value]
            others.unlink()
            if not keep.value and filled:
                keep.write({"value": filled[0]})

    @api.model
    def _merge_interaction_addresses(self, dst_partner):
        """The interaction addresses of the merged contact once per
        normalized value (the first one kept)."""
        addresses = self.env["interaction.address"].sudo().search(
            [("partner_id", "=", dst_partner.id)], order="id")
        seen = set()
        duplicates = addresses.browse()
        for address in addresses:
            key = address.normalized_value or address.value
            if key in seen:
                duplicates |= address
            seen.add(key)
        duplicates.unlink()
