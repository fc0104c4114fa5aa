/* global document, navigator, window */
// The API keys page: a copy button for the new secret. Without JavaScript the button stays
// hidden and the secret is plain selectable text.
'use strict';
document.querySelectorAll('button[data-copy]').forEach(function (button) {
  var secret = document.getElementById(button.getAttribute('data-copy'));
  var status = document.querySelector(
    '[data-copy-status="' + button.getAttribute('data-copy') + '"]',
  );
  if (!secret) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    var say = function (text) {
      if (status) status.textContent = text;
    };
    var selectSecret = function () {
      var range = document.createRange();
      range.selectNodeContents(secret);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    };
    if (!navigator.clipboard) {
      selectSecret();
      say(button.getAttribute('data-failed'));
      return;
    }
    navigator.clipboard.writeText(secret.textContent.trim()).then(
      function () {
        say(button.getAttribute('data-copied'));
      },
      function () {
        selectSecret();
        say(button.getAttribute('data-failed'));
      },
    );
  });
});
