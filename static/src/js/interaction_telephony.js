odoo.define('interaction_tracker.telephony', function (require) {
"use strict";
/**
 * The contact-centre desk in the agent's web client:
 * - the screen-pop: an incoming call reported by res.partner.incoming_call
 *   with the agent's login arrives on the agent's own bus channel
 *   (interaction.incoming_call) and shows who calls, their organization,
 *   their open cases and the buttons to log the call, open a new case or
 *   create the contact;
 * - click-to-call: every phone widget is a link (tel:, callto: or sip:, as
 *   set in the settings), on desktop too;
 * - interaction_contact_many2one: a contact field whose dropdown offers
 *   "Create a contact…", the Add-contact wizard on one page, pre-filled
 *   with what was typed, giving the new contact back to the field.
 */
var basicFields = require('web.basic_fields');
var bus = require('bus.bus').bus;
var core = require('web.core');
var Dialog = require('web.Dialog');
var dialogs = require('web.view_dialogs');
var registry = require('web.field_registry');
var relationalFields = require('web.relational_fields');
var session = require('web.session');
var WebClient = require('web.WebClient');

var _t = core._t;
var CHANNEL = 'interaction.incoming_call';

// ---------------------------------------------------------------------------
// Screen-pop
// ---------------------------------------------------------------------------

var ScreenPop = Dialog.extend({
    /**
     * @param {Widget} parent the web client (runs the actions)
     * @param {Object} call the payload of res.partner._incoming_call_payload
     */
    init: function (parent, call) {
        this.callInfo = call;
        this.selected = call.matches.length === 1 ? call.matches[0] : null;
        this._super(parent, {
            title: _.str.sprintf(_t("Incoming call: %s"), call.phone_display),
            dialogClass: 'o_interaction_screen_pop',
            size: 'medium',
            buttons: [{text: _t("Ignore"), close: true}],
            $content: $('<div>'),
        });
    },
    start: function () {
        this._renderContent();
        return this._super.apply(this, arguments);
    },
    _renderContent: function () {
        var self = this;
        var $content = this.$el.empty();
        if (!this.callInfo.matches.length) {
            $content.append($('<p>', {'class': 'o_interaction_pop_unknown',
                text: _t("Unknown number: no contact has this number.")}));
            $content.append(this._button(_t("Create contact"), 'fa-user-plus',
                'o_interaction_pop_create_contact btn-primary', this._onCreateContact));
            return;
        }
        if (!this.selected) {
            $content.append($('<p>', {text: _t("Several contacts have this number: who is calling?")}));
            var $list = $('<div>', {'class': 'list-group o_interaction_pop_choices'});
            _.each(this.callInfo.matches, function (match) {
                var $choice = $('<a>', {href: '#', 'class': 'list-group-item o_interaction_pop_choice',
                    'data-id': match.id});
                $choice.append($('<strong>', {text: match.name}));
                if (match.organization) {
                    $choice.append(' — ', $('<span>', {text: match.organization}));
                }
                $choice.append(' ', $('<span>', {'class': 'badge',
                    text: match.cases.length}));
                $choice.on('click', function (ev) {
                    ev.preventDefault();
                    self.selected = match;
                    self._renderContent();
                });
                $list.append($choice);
            });
            $content.append($list);
            $content.append(this._button(_t("Create contact"), 'fa-user-plus',
                'o_interaction_pop_create_contact btn-default', this._onCreateContact));
            return;
        }
        var match = this.selected;
        var $who = $('<div>', {'class': 'o_interaction_pop_caller'});
        $who.append($('<h3>', {'class': 'o_interaction_pop_name', text: match.name}));
        if (match.organization) {
            $who.append($('<p>', {'class': 'o_interaction_pop_organization'}).append(
                $('<i>', {'class': 'fa fa-building-o'}), ' ', $('<span>', {text: match.organization})));
        }
        if (match.email) {
            $who.append($('<p>').append($('<a>', {href: 'mailto:' + match.email}).append(
                $('<i>', {'class': 'fa fa-envelope'}), ' ', $('<span>', {text: match.email}))));
        }
        $content.append($who);
        if (match.cases.length) {
            $content.append($('<h4>', {text: _t("Open cases")}));
            var $cases = $('<div>', {'class': 'list-group o_interaction_pop_cases'});
            _.each(match.cases, function (caseInfo) {
                var label = _.str.sprintf(_t("Log the call on case %s"),
                    (caseInfo.number || '') + ' ' + caseInfo.name);
                var $button = self._button(label, 'fa-phone',
                    'list-group-item o_interaction_pop_log_call', function () {
                        return self._onLogCall(caseInfo.id);
                    });
                $button.attr('data-case-id', caseInfo.id);
                $cases.append($button);
            });
            $content.append($cases);
        } else {
            $content.append($('<p>', {'class': 'text-muted', text: _t("No open case.")}));
        }
        var $actions = $('<div>', {'class': 'o_interaction_pop_actions'});
        $actions.append(this._button(_t("New case"), 'fa-plus',
            'btn-primary o_interaction_pop_new_case', this._onNewCase));
        $actions.append(' ', this._button(_t("Create contact"), 'fa-user-plus',
            'btn-default o_interaction_pop_create_contact', this._onCreateContact));
        if (this.callInfo.matches.length > 1) {
            $actions.append(' ', this._button(_t("Another contact"), 'fa-users',
                'btn-link o_interaction_pop_back', function () {
                    self.selected = null;
                    self._renderContent();
                }));
        }
        $content.append($actions);
    },
    _button: function (text, icon, classes, handler) {
        var self = this;
        var $button = $('<button>', {type: 'button', 'class': 'btn ' + classes});
        $button.append($('<i>', {'class': 'fa ' + icon}), ' ', $('<span>', {text: text}));
        $button.on('click', function (ev) {
            ev.preventDefault();
            handler.call(self);
        });
        return $button;
    },
    _onLogCall: function (caseId) {
        var self = this;
        var webClient = this.getParent();
        return this._rpc({
            model: 'res.partner',
            method: 'action_incoming_call_log',
            args: [caseId, this.selected.id, this.callInfo.phone_number || false],
        }).then(function (result) {
            self.close();
            return webClient.do_action(result.case).then(function () {
                return webClient.do_action(result.call, {
                    on_close: function () {
                        var manager = webClient.action_manager;
                        var viewManager = manager && manager.inner_widget;
                        var view = viewManager && viewManager.active_view;
                        if (view && view.controller && view.controller.reload) {
                            view.controller.reload();
                        }
                    },
                });
            });
        });
    },
    _onNewCase: function () {
        var self = this;
        var webClient = this.getParent();
        return this._rpc({
            model: 'res.partner',
            method: 'action_incoming_call_new_case',
            args: [this.selected.id],
        }).then(function (action) {
            self.close();
            return webClient.do_action(action);
        });
    },
    _onCreateContact: function () {
        var self = this;
        var webClient = this.getParent();
        return this._rpc({
            model: 'interaction.contact.wizard',
            method: 'action_start_for',
            args: [this.callInfo.phone_display || this.callInfo.phone],
        }).then(function (action) {
            self.close();
            return webClient.do_action(action);
        });
    },
});

WebClient.include({
    show_application: function () {
        bus.on('notification', this, this._onInteractionNotification);
        return this._super.apply(this, arguments);
    },
    /**
     * Screen-pops of the agent's own channel (added by the server for the
     * session's user only).
     */
    _onInteractionNotification: function (notifications) {
        var self = this;
        _.each(notifications, function (notification) {
            var channel = notification[0];
            var message = notification[1];
            if (_.isArray(channel) && channel[1] === CHANNEL &&
                    message && message.type === 'incoming_call') {
                self.interactionScreenPop(message);
            }
        });
    },
    interactionScreenPop: function (call) {
        if (this._interactionPop && !this._interactionPop.isDestroyed()) {
            this._interactionPop.destroy();
        }
        this._interactionPop = new ScreenPop(this, call);
        this._interactionPop.open();
        return this._interactionPop;
    },
});

// ---------------------------------------------------------------------------
// Click-to-call
// ---------------------------------------------------------------------------

basicFields.FieldPhone.include({
    init: function () {
        this._super.apply(this, arguments);
        this.prefix = session.interaction_call_scheme || 'tel';
        if (this.mode === 'readonly') {
            this.tagName = 'a';
        }
    },
    _canCall: function () {
        return true;
    },
    _renderReadonly: function () {
        this._super.apply(this, arguments);
        if (this.value) {
            var number = String(this.value).replace(/[^\d+]/g, '');
            this.$el.attr('href', this.prefix + ':' + number)
                .addClass('o_interaction_call_link')
                .attr('title', _t("Call"));
        }
    },
});

// ---------------------------------------------------------------------------
// Contact many2one with "Create a contact…"
// ---------------------------------------------------------------------------

var ContactMany2One = relationalFields.FieldMany2One.extend({
    _search: function (searchValue) {
        var self = this;
        return this._super.apply(this, arguments).then(function (values) {
            if (!self.can_create) {
                return values;
            }
            values = _.reject(values, function (value) {
                return !value.id && !value.action;
            });
            values.push({
                label: _t("Create a contact…"),
                action: self._openContactWizard.bind(self, searchValue),
                classname: 'o_m2o_dropdown_option o_interaction_create_contact',
            });
            return values;
        });
    },
    _openContactWizard: function (text) {
        var self = this;
        this.$('input').val('');
        return this._rpc({
            model: 'interaction.contact.wizard',
            method: 'quick_contact_dialog',
            args: [text || false],
        }).then(function (result) {
            return new dialogs.FormViewDialog(self, {
                res_model: 'interaction.contact.wizard',
                view_id: result.view_id,
                context: result.context,
                title: _t("Add contact"),
                disable_multiple_selection: true,
                on_saved: function (record) {
                    return self._rpc({
                        model: 'interaction.contact.wizard',
                        method: 'read',
                        args: [[record.res_id], ['partner_id']],
                    }).then(function (rows) {
                        var partner = rows.length && rows[0].partner_id;
                        if (partner) {
                            self.reinitialize({id: partner[0], display_name: partner[1]});
                        }
                    });
                },
            }).open();
        });
    },
});

registry.add('interaction_contact_many2one', ContactMany2One);

return {
    ScreenPop: ScreenPop,
    ContactMany2One: ContactMany2One,
};
});
