// rasad: the analyst's token (kept for this browser tab only) and corrections.
"use strict";
(function () {
  var KEY = "rasad-token";

  function token() {
    try { return sessionStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }

  function say(el, text, ok) {
    if (!el) return;
    el.textContent = text;
    el.classList.toggle("ok", !!ok);
  }

  var tokenForm = document.getElementById("token-form");
  if (tokenForm) {
    var input = document.getElementById("token");
    var status = document.getElementById("token-status");
    say(status, token() ? "الرمز محفوظ / token saved" : "لا رمز / no token", !!token());
    tokenForm.addEventListener("submit", function (ev) {
      ev.preventDefault();
      try { sessionStorage.setItem(KEY, input.value.trim()); } catch (e) { /* private mode */ }
      input.value = "";
      say(status, token() ? "الرمز محفوظ / token saved" : "لا رمز / no token", !!token());
    });
  }

  var article = document.querySelector("[data-article-id]");
  if (!article) return;
  var articleId = article.getAttribute("data-article-id");

  function names(value) {
    return value.split(/[،,|]/).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function send(box, action, payload) {
    var status = box.querySelector(".status");
    if (!token()) { say(status, "أدخل رمز المحلل أولاً / enter your token first"); return; }
    say(status, "…");
    fetch("/api/articles/" + encodeURIComponent(articleId) + "/corrections", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token() },
      body: JSON.stringify({
        target_kind: box.getAttribute("data-target-kind"),
        target_key: box.getAttribute("data-target-key"),
        action: action, payload: payload
      })
    }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (body) {
        if (resp.ok) { say(status, "حُفظ / saved", true); window.location.reload(); }
        else { say(status, "خطأ / error " + resp.status + ": " + (body.error || "")); }
      });
    }).catch(function () { say(status, "تعذر الاتصال / network error"); });
  }

  document.querySelectorAll(".correct").forEach(function (box) {
    box.addEventListener("click", function (ev) { ev.stopPropagation(); });
    box.addEventListener("keydown", function (ev) { ev.stopPropagation(); });
    box.querySelectorAll("button[data-action]").forEach(function (button) {
      button.addEventListener("click", function () { send(box, button.getAttribute("data-action"), {}); });
    });
    box.querySelectorAll("form.edit-form").forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        // only what the analyst changed: an edit replaces just those fields
        var payload = {};
        Array.prototype.forEach.call(form.elements, function (el) {
          if (!el.name) return;
          var before = el.tagName === "SELECT"
            ? (Array.prototype.filter.call(el.options, function (o) { return o.defaultSelected; })[0] || {}).value
            : el.defaultValue;
          if (form.getAttribute("data-action") === "edit" && el.value === before) return;
          var v = el.value.trim();
          if (el.name === "source" || el.name === "target") payload[el.name] = names(v);
          else payload[el.name] = v || null;
        });
        var status = box.querySelector(".status");
        if (!Object.keys(payload).length) { say(status, "لا تغيير / nothing changed"); return; }
        send(box, form.getAttribute("data-action"), payload);
      });
    });
  });
})();
