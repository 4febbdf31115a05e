// A job's page: ask the server for the job's state every second, show it, open the report when it is done.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) return;
  var url = box.getAttribute("data-status");
  var state = document.getElementById("job-state");
  var text = document.getElementById("job-progress");
  var bar = document.getElementById("job-bar");
  function show(data) {
    state.textContent = data.state_words || state.textContent;
    state.className = "state-" + data.state;
    text.textContent = data.text;
    bar.max = data.progress.items || 1;
    bar.value = data.progress.settled;
    if (data.state === "done" && data.report) {
      var link = document.getElementById("job-report");
      link.hidden = false;
      link.querySelector("a").setAttribute("href", data.report);
      window.location.assign(data.report);
      return true;
    }
    return data.state === "failed";
  }
  function poll() {
    fetch(url, { headers: { "Accept": "application/json" }, cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && show(data)) return;
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  if (box.getAttribute("data-state") !== "failed") poll();
})();
