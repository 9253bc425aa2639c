/*
 * Staff queues: keyboard shortcuts, a progressive enhancement. Every action is
 * also a link, a checkbox or a button; the shortcuts are listed on the page
 * (templates/includes/queue_shortcuts.html).
 *
 *   j / k  next / previous row     x  tick the row's checkbox
 *   o      open the row            /  go to the filters     ?  the list
 *
 * Nothing fires while the focus is in a field, or with a modifier key held.
 * Rows carry data-queue-row; a row's main link carries data-queue-open.
 */
(function () {
  "use strict";

  var current = -1;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-queue-row]"));
  }

  function typing(target) {
    if (!target || !target.tagName) {
      return false;
    }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function select(index) {
    var all = rows();
    if (!all.length) {
      return;
    }
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (row, i) {
      row.classList.toggle("is-current", i === current);
    });
    var link = all[current].querySelector("[data-queue-open]");
    if (link) {
      link.focus();
    }
  }

  function currentRow() {
    var all = rows();
    return current >= 0 && current < all.length ? all[current] : null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    var row;
    switch (event.key) {
      case "j":
        select(current + 1);
        break;
      case "k":
        select(current - 1);
        break;
      case "x":
        row = currentRow();
        var box = row && row.querySelector("input[type=checkbox]");
        if (box) {
          box.checked = !box.checked;
        }
        break;
      case "o":
        row = currentRow();
        var link = row && row.querySelector("[data-queue-open]");
        if (link) {
          window.location.assign(link.href);
        }
        break;
      case "/":
        var field = document.querySelector("[data-queue-filters] input, [data-queue-filters] select");
        if (field) {
          field.focus();
        }
        break;
      case "?":
        var help = document.getElementById("queue-shortcuts");
        if (help) {
          help.open = !help.open;
        }
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // htmx swaps the results: start again from the top.
  document.addEventListener("htmx:afterSwap", function () {
    current = -1;
  });
})();
