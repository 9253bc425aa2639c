/*
 * AI tools catalogue: progressive enhancements only; every page works without
 * this file (the compare tray is a plain form, printing is the browser's own).
 *
 * Compare boxes: the browse page's cards come from a cache shared by every
 * member, so their boxes are never ticked in the HTML. Tick the boxes of the
 * tools in this member's tray, and send each change at once by pressing the
 * tray's own buttons: "Add to compare", or the tool's "Remove". With htmx the
 * tray alone is swapped; without it the form posts and the page comes back.
 *
 * Print: the compare page's Print button is hidden without JavaScript.
 */
(function () {
  "use strict";

  var BOXES = 'input[name="tools"][form="compare-tray"]';

  function trayForm() {
    return document.getElementById("compare-tray");
  }

  function removeButton(form, value) {
    var buttons = form.querySelectorAll("button[data-compare-remove]");
    for (var i = 0; i < buttons.length; i += 1) {
      if (buttons[i].value === value) {
        return buttons[i];
      }
    }
    return null;
  }

  function syncBoxes() {
    var form = trayForm();
    if (!form) {
      return;
    }
    var addButtons = document.querySelectorAll("button[data-compare-add]");
    for (var j = 0; j < addButtons.length; j += 1) {
      addButtons[j].hidden = true; // each tick is sent at once
    }
    var boxes = document.querySelectorAll(BOXES);
    for (var i = 0; i < boxes.length; i += 1) {
      boxes[i].checked = removeButton(form, boxes[i].value) !== null;
    }
  }

  function onChange(event) {
    var box = event.target;
    if (!box.matches || !box.matches(BOXES)) {
      return;
    }
    var form = trayForm();
    if (!form) {
      return;
    }
    var button = box.checked
      ? form.querySelector("button[data-compare-add]")
      : removeButton(form, box.value);
    if (button) {
      button.click();
    }
  }

  function showPrintButtons() {
    var buttons = document.querySelectorAll("button[data-print]");
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].hidden = false;
    }
  }

  function onClick(event) {
    var target = event.target;
    if (target.closest && target.closest("button[data-print]")) {
      window.print();
    }
  }

  function start() {
    syncBoxes();
    showPrintButtons();
  }

  document.addEventListener("change", onChange);
  document.addEventListener("click", onClick);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // New cards (a filtered page of results) or a new tray (after a change).
  document.addEventListener("htmx:load", syncBoxes);
})();
