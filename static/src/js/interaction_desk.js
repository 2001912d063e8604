odoo.define('interaction_tracker.desk', function (require) {
"use strict";
/**
 * The exchanges of a case opened in a dialog from the case:
 * - after a button of the dialog ("Joint", "Traité", "Envoyer"...), the
 *   case reloads when the dialog closes, so its exchanges list is current;
 * - the client action "interaction_record_removed" (returned by a button
 *   that deletes its record, e.g. discarding a draft) closes the form of
 *   the deleted record: a dialog closes (and its case reloads), a page
 *   goes back to where the agent came from.
 */
var core = require('web.core');
var FormController = require('web.FormController');
var dialogs = require('web.view_dialogs');

function parentDialog(controller) {
    var parent = controller.getParent();
    return parent instanceof dialogs.FormViewDialog ? parent : null;
}

function reloadOpener(dialog) {
    var opener = dialog.getParent();
    if (!opener || opener.isDestroyed() || !opener.reload || !opener.$el ||
            !$.contains(document.body, opener.$el[0])) {
        return;
    }
    if (opener.mode === 'edit' && opener.model.isDirty(opener.handle)) {
        return;  // never drop what the agent is typing in the case
    }
    opener.reload();
}

FormController.include({
    init: function () {
        this._super.apply(this, arguments);
        core.bus.on('interaction_record_removed', this, this._onInteractionRecordRemoved);
    },
    destroy: function () {
        core.bus.off('interaction_record_removed', this, this._onInteractionRecordRemoved);
        this._super.apply(this, arguments);
    },
    _callButtonAction: function () {
        var dialog = parentDialog(this);
        if (dialog && !dialog._interactionReloadOpener) {
            dialog._interactionReloadOpener = true;
            dialog.on('closed', null, function () {
                reloadOpener(dialog);
            });
        }
        return this._super.apply(this, arguments);
    },
    _onInteractionRecordRemoved: function (params) {
        if (this.isDestroyed() || params.model !== this.modelName || !this.handle) {
            return;
        }
        var record = this.model.get(this.handle);
        if (!record || !_.contains(params.ids, record.res_id)) {
            return;
        }
        var dialog = parentDialog(this);
        if (dialog) {
            dialog.close();
        } else {
            this.do_action('history_back');
        }
    },
});

core.action_registry.add('interaction_record_removed', function (parent, action) {
    core.bus.trigger('interaction_record_removed', action.params || {});
});

});
