// Enhancements only: every page works without this file. CSRF header for htmx requests;
// live unread count through the notifications stream (Server-Sent Events).
(function () {
  "use strict";
  var csrf = document.body.getAttribute("data-csrf");
  document.body.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrf;
  });
  var badge = document.getElementById("unread");
  function showUnread(n) {
    if (!badge) return;
    badge.textContent = n > 0 ? String(n) : "";
    badge.hidden = !(n > 0);
  }
  function refreshUnread() {
    if (!badge) return;
    fetch(badge.getAttribute("data-unread-url"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d) showUnread(d.unread); })
      .catch(function () {});
  }
  refreshUnread();
  var live = document.querySelector("[data-live]");
  if (live && window.EventSource) {
    var stream = new EventSource("/notifications/stream");
    function update() {
      refreshUnread();
      live.dispatchEvent(new CustomEvent("live-update", { bubbles: true }));
    }
    stream.addEventListener("notification", update);
    // the stream starts from the moment it opens: what came between the page and then
    // (seconds on a slow connection), or while it was reconnecting, is fetched once
    stream.addEventListener("ready", update);
  }
})();
// Search-as-you-type in long lists of choices (without JavaScript the whole list shows).
document.querySelectorAll("[data-filter]").forEach(function (box) {
  var list = document.getElementById("list-" + box.getAttribute("data-filter"));
  box.addEventListener("input", function () {
    var q = box.value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    list.querySelectorAll("li").forEach(function (li) {
      var text = li.textContent.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      var checked = li.querySelector("input:checked");
      li.hidden = q !== "" && text.indexOf(q) === -1 && !checked;
    });
  });
});
// A chosen photo is shown before it is sent.
document.querySelectorAll("input[type=file][data-preview]").forEach(function (input) {
  input.addEventListener("change", function () {
    var img = document.getElementById(input.getAttribute("data-preview"));
    if (img && input.files && input.files[0] && window.URL) {
      img.src = URL.createObjectURL(input.files[0]);
      img.alt = input.files[0].name;
    }
  });
});
document.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
