odoo.define('interaction_tracker.widgets', function (require) {
"use strict";
/**
 * Widgets of the exchanges panel:
 * - interaction_exchange_badge (integer exchange_count): the counter badge,
 *   red when the case has a reminder (has_reminder), with the preview of
 *   the latest exchanges (exchange_preview) as tooltip;
 * - interaction_communication_icon (char icon): the icon of the kind with
 *   an arrow for the direction.
 * Both read the other fields from the record: the view must load them.
 */
var AbstractField = require('web.AbstractField');
var core = require('web.core');
var registry = require('web.field_registry');

var _t = core._t;

var ExchangeBadge = AbstractField.extend({
    className: 'o_interaction_exchange_badge',
    supportedFieldTypes: ['integer'],

    isSet: function () {
        return true;
    },

    _render: function () {
        var data = this.record.data;
        var $badge = $('<span>', {
            'class': 'badge o_interaction_badge' +
                (data.has_reminder ? ' o_interaction_badge_reminder' : ''),
            text: this.value || 0,
        });
        this.$el.empty().append($('<i>', {'class': 'fa fa-comments-o'}), ' ', $badge);
        this.$el.attr('title', data.exchange_preview || _t('No exchange yet'));
    },
});

var CommunicationIcon = AbstractField.extend({
    className: 'o_interaction_communication_icon',
    supportedFieldTypes: ['char'],

    isSet: function () {
        return true;
    },

    _render: function () {
        var incoming = this.record.data.direction === 'incoming';
        this.$el.empty().append(
            $('<i>', {'class': 'fa fa-fw ' + (this.value || 'fa-comment')}),
            $('<i>', {'class': 'fa fa-fw ' + (incoming ?
                'fa-long-arrow-left o_interaction_incoming' :
                'fa-long-arrow-right o_interaction_outgoing')}));
        this.$el.attr('title', incoming ? _t('Incoming') : _t('Outgoing'));
    },
});

registry
    .add('interaction_exchange_badge', ExchangeBadge)
    .add('interaction_communication_icon', CommunicationIcon);

return {
    ExchangeBadge: ExchangeBadge,
    CommunicationIcon: CommunicationIcon,
};
});
