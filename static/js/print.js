/* Turn on the "Print this page" button; without JavaScript the page says to use the browser's print option. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
  var hints = document.querySelectorAll(".print-hint");
  for (var j = 0; j < hints.length; j++) { hints[j].hidden = true; }
})();
