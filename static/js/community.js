/*
 * Community: progressive enhancements only; every page works without this file.
 *
 * Time-zone settings: while a member has not chosen a zone, the list starts on
 * "not chosen" (UTC). Preselect the browser's own zone and reveal the note
 * asking the member to save it. Nothing is sent until they submit the form.
 */
(function () {
  "use strict";

  function suggestBrowserTimeZone() {
    var select = document.querySelector("select[data-browser-time-zone]");
    if (!select || select.value !== "") {
      return;
    }
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return;
    }
    if (!zone) {
      return;
    }
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === zone) {
        select.value = zone;
        var note = document.getElementById("time-zone-suggested");
        if (note) {
          note.hidden = false;
        }
        return;
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", suggestBrowserTimeZone);
  } else {
    suggestBrowserTimeZone();
  }
  document.addEventListener("htmx:load", suggestBrowserTimeZone);
})();
