// Enhancement only (the import form works without it): the export is sent with a progress
// bar, then the bar says the platform is importing, then the result page replaces this one.
(function () {
  "use strict";
  document.querySelectorAll("form[data-upload-progress]").forEach(function (form) {
    var bar = document.getElementById(form.getAttribute("data-upload-progress"));
    var box = document.getElementById(form.getAttribute("data-upload-progress") + "-box");
    var label = box && box.querySelector("label");
    if (!bar || !box || !window.FormData || !window.XMLHttpRequest) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      var button = form.querySelector("button[type=submit]");
      box.hidden = false;
      bar.value = 0;
      if (button) button.disabled = true;
      xhr.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value");
        if (label) label.textContent = box.getAttribute("data-importing");
      });
      xhr.addEventListener("load", function () {
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener("error", function () {
        if (button) button.disabled = false;
        form.submit();
      });
      xhr.open("POST", form.action);
      xhr.send(new FormData(form));
    });
  });
})();
