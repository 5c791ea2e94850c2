// rasad: selecting a fact in the side panel lights up its evidence in the text.
"use strict";
(function () {
  var text = document.getElementById("text");
  var facts = document.querySelectorAll(".fact[data-fact]");
  if (!text || !facts.length) return;

  function clear() {
    text.querySelectorAll(".m.hl").forEach(function (el) { el.classList.remove("hl"); });
    facts.forEach(function (f) { f.setAttribute("aria-pressed", "false"); });
  }

  function select(fact) {
    var id = fact.getAttribute("data-fact");
    var wasOn = fact.getAttribute("aria-pressed") === "true";
    clear();
    if (wasOn) return;
    fact.setAttribute("aria-pressed", "true");
    // ids are [a-z]+-[0-9]+, safe inside the selector
    var pieces = text.querySelectorAll('.m[data-f~="' + id + '"]');
    pieces.forEach(function (el) { el.classList.add("hl"); });
    if (pieces.length) pieces[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  facts.forEach(function (fact) {
    fact.addEventListener("click", function (ev) {
      if (ev.target.closest("a, .correct")) return;
      select(fact);
    });
    fact.addEventListener("keydown", function (ev) {
      if (ev.target !== fact) return;
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); select(fact); }
    });
  });

  // and the other way: clicking a marked stretch of text selects its first fact
  text.addEventListener("click", function (ev) {
    var piece = ev.target.closest(".m[data-f]");
    if (!piece) return;
    var first = piece.getAttribute("data-f").split(" ")[0];
    var fact = document.querySelector('.fact[data-fact="' + first + '"]');
    if (fact) { select(fact); fact.scrollIntoView({ block: "nearest" }); }
  });
})();
