// Status filter: the buttons toggle a class on the item cards. Without JavaScript the bar stays hidden and
// every card shows.
(function () {
  var bar = document.getElementById("filters");
  if (!bar) return;
  var buttons = bar.querySelectorAll("button[data-filter]");
  var cards = document.querySelectorAll(".card[data-status]");
  var groups = document.querySelectorAll(".group");
  function apply(filter) {
    cards.forEach(function (card) {
      var status = card.getAttribute("data-status");
      var show = filter === "all" || (filter === "todo" ? status !== "pass" : status === filter);
      card.classList.toggle("is-hidden", !show);
    });
    groups.forEach(function (group) {
      group.classList.toggle("is-hidden", !group.querySelector(".card:not(.is-hidden)"));
    });
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-filter") === filter));
    });
  }
  buttons.forEach(function (button) {
    button.addEventListener("click", function () { apply(button.getAttribute("data-filter")); });
  });
  bar.hidden = false;
})();
